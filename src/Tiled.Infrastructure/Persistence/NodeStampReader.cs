using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Reads a node's <see cref="NodeStamp"/>, the one catalog query of almost every request, through
/// connections kept open with the statement prepared: through EF, opening and closing a pooled
/// connection and running the query machinery cost more than the query itself. After a failure the
/// idle connections are dropped too (the database may have restarted); at most <see cref="MaxIdle"/> are kept between requests.
/// </summary>
internal sealed class NodeStampReader(IDbContextFactory<TiledDbContext> factory) : IAsyncDisposable
{
    private const string Sql = "SELECT id, version FROM nodes WHERE path = @path";

    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private readonly ConcurrentBag<PreparedStamp> _idle = [];
    private (string ConnectionString, bool Postgres)? _target;
    private int _idleCount;

    public async Task<NodeStamp?> ReadAsync(string path, CancellationToken ct)
    {
        var reader = _idle.TryTake(out var idle) ? idle : null;
        if (reader is not null)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        reader ??= await PreparedStamp.OpenAsync(Connect(), ct);
        NodeStamp? stamp;
        try
        {
            stamp = await reader.ReadAsync(path, ct);
        }
        catch
        {
            // The database may have restarted: the idle connections are likely broken too.
            await reader.DisposeAsync();
            await DisposeAsync();
            throw;
        }

        if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Add(reader);
        }
        else
        {
            Interlocked.Decrement(ref _idleCount);
            await reader.DisposeAsync();
        }

        return stamp;
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            await reader.DisposeAsync();
        }
    }

    private DbConnection Connect()
    {
        if (_target is not { } target)
        {
            using var db = factory.CreateDbContext();
            target = (db.Database.GetConnectionString() ?? "", db.IsPostgres);
            _target = target;
        }

        return target.Postgres ? new NpgsqlConnection(target.ConnectionString) : new SqliteConnection(target.ConnectionString);
    }

    private sealed class PreparedStamp(DbConnection connection, DbCommand command, DbParameter path) : IAsyncDisposable
    {
        public static async Task<PreparedStamp> OpenAsync(DbConnection connection, CancellationToken ct)
        {
            try
            {
                await connection.OpenAsync(ct);
                var command = connection.CreateCommand();
                command.CommandText = Sql;
                var path = command.CreateParameter();
                path.ParameterName = "path";
                path.Value = "";
                command.Parameters.Add(path);
                await command.PrepareAsync(ct);
                return new PreparedStamp(connection, command, path);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task<NodeStamp?> ReadAsync(string key, CancellationToken ct)
        {
            path.Value = key;
            await using var rows = await command.ExecuteReaderAsync(ct);
            return await rows.ReadAsync(ct) ? new NodeStamp(rows.GetInt64(0), rows.GetInt64(1)) : null;
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
