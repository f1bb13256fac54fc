using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Reads a node's <see cref="NodeStamp"/>, the one catalog query of almost every request, through
/// connections kept open with the statement prepared: through EF, opening and closing a pooled
/// connection and running the query machinery cost more than the query itself. On PostgreSQL,
/// concurrent reads are batched (<see cref="StampBatcher"/>): the server round trip costs more
/// than the query. After a failure the idle connections are dropped too (the database may have
/// restarted); at most <see cref="MaxIdle"/> are kept between requests.
/// </summary>
internal sealed class NodeStampReader : IAsyncDisposable
{
    private const string OneSql = "SELECT id, version FROM nodes WHERE path = @path";
    private const string ManySql = "SELECT path, id, version FROM nodes WHERE path = ANY(@path)";

    private static readonly int MaxIdle = Environment.ProcessorCount * 4;

    private readonly IDbContextFactory<TiledDbContext> _factory;
    private readonly StampBatcher _batcher;
    private readonly ConcurrentBag<PreparedStamp> _idle = [];
    private (string ConnectionString, bool Postgres)? _target;
    private int _idleCount;

    public NodeStampReader(IDbContextFactory<TiledDbContext> factory)
    {
        _factory = factory;
        _batcher = new StampBatcher(paths => WithStatementAsync(s => s.ReadManyAsync(paths), CancellationToken.None));
    }

    public Task<NodeStamp?> ReadAsync(string path, CancellationToken ct) =>
        Target.Postgres ? _batcher.ReadAsync(path, ct) : WithStatementAsync(s => s.ReadOneAsync(path, ct), ct);

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            await reader.DisposeAsync();
        }
    }

    private (string ConnectionString, bool Postgres) Target
    {
        get
        {
            if (_target is not { } target)
            {
                using var db = _factory.CreateDbContext();
                target = (db.Database.GetConnectionString() ?? "", db.IsPostgres);
                _target = target;
            }

            return target;
        }
    }

    private async Task<T> WithStatementAsync<T>(Func<PreparedStamp, Task<T>> read, CancellationToken ct)
    {
        var reader = _idle.TryTake(out var idle) ? idle : null;
        if (reader is not null)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        reader ??= await PreparedStamp.OpenAsync(Target.Postgres, Target.ConnectionString, ct);
        T result;
        try
        {
            result = await read(reader);
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

        return result;
    }

    private sealed class PreparedStamp(DbConnection connection, DbCommand command, DbParameter path) : IAsyncDisposable
    {
        /// <summary>PostgreSQL statements take a list of paths (<see cref="ManySql"/>), SQLite ones a single path.</summary>
        public static async Task<PreparedStamp> OpenAsync(bool postgres, string connectionString, CancellationToken ct)
        {
            DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(ct);
                var command = connection.CreateCommand();
                command.CommandText = postgres ? ManySql : OneSql;
                var path = command.CreateParameter();
                path.ParameterName = "path";
                path.Value = postgres ? Array.Empty<string>() : "";
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

        public async Task<NodeStamp?> ReadOneAsync(string key, CancellationToken ct)
        {
            path.Value = key;
            await using var rows = await command.ExecuteReaderAsync(ct);
            return await rows.ReadAsync(ct) ? new NodeStamp(rows.GetInt64(0), rows.GetInt64(1)) : null;
        }

        /// <summary>The stamps of those of <paramref name="keys"/> that name a node (shared by many requests, so not cancelled by one).</summary>
        public async Task<IReadOnlyDictionary<string, NodeStamp>> ReadManyAsync(string[] keys)
        {
            path.Value = keys;
            var stamps = new Dictionary<string, NodeStamp>(keys.Length, StringComparer.Ordinal);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                stamps[rows.GetString(0)] = new NodeStamp(rows.GetInt64(1), rows.GetInt64(2));
            }

            return stamps;
        }

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
