using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Tiled.Infrastructure.Persistence.Search;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Turns a Tiled database URI into <see cref="TiledDbContext"/> options. Accepted forms, as
/// SQLAlchemy writes them: <c>sqlite:///PATH</c> (PATH relative to the working directory, or
/// absolute: <c>sqlite:////abs/catalog.db</c>) and <c>postgresql://USER:PASS@HOST:PORT/DB</c>
/// (also <c>postgres://</c>, <c>postgresql+asyncpg://</c>; query options go to Npgsql as-is).
/// </summary>
public static class CatalogDatabase
{
    internal const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    private const string Usage = "use sqlite:///PATH or postgresql://USER:PASS@HOST:PORT/DB";

    /// <summary>Options for <paramref name="databaseUri"/>; throws <see cref="ArgumentException"/> if it is not one we accept.</summary>
    public static DbContextOptions<TiledDbContext> Configure(string databaseUri) => Configure(databaseUri, DependencyTimeouts.Default.Database);

    /// <summary>As <see cref="Configure(string)"/>, each PostgreSQL connect and command bounded by <paramref name="timeout"/>.</summary>
    public static DbContextOptions<TiledDbContext> Configure(string databaseUri, TimeSpan timeout)
    {
        var builder = new DbContextOptionsBuilder<TiledDbContext>();
        Configure(builder, databaseUri, timeout);
        return builder.Options;
    }

    /// <summary>Configures <paramref name="builder"/> (e.g. inside <c>AddDbContextFactory</c>) for <paramref name="databaseUri"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string databaseUri) =>
        Configure(builder, databaseUri, DependencyTimeouts.Default.Database);

    /// <summary>As <see cref="Configure(DbContextOptionsBuilder, string)"/>, each PostgreSQL connect and command bounded by <paramref name="timeout"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string databaseUri, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseUri);
        var separator = databaseUri.IndexOf("://", StringComparison.Ordinal);
        var scheme = separator < 0 ? "" : databaseUri[..separator].ToLowerInvariant();
        var rest = separator < 0 ? "" : databaseUri[(separator + 3)..];
        return scheme switch
        {
            "sqlite" or "sqlite+aiosqlite" or "sqlite+pysqlite" => UseSqlite(builder, SqlitePath(rest)),
            "postgresql" or "postgres" or "postgresql+asyncpg" or "postgresql+psycopg" or "postgresql+psycopg2" =>
                UsePostgres(builder, PostgresUri.ToConnectionString(rest), timeout),
            _ => throw new ArgumentException($"Unsupported database URI scheme '{scheme}'; {Usage}", nameof(databaseUri)),
        };
    }

    /// <summary>The URI of a SQLite catalog file (made absolute), e.g. <c>sqlite:////tmp/x/catalog.db</c>.</summary>
    public static string SqliteUri(string filePath) => "sqlite:///" + Path.GetFullPath(filePath);

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder builder, string filePath)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            ForeignKeys = true, // the catalog relies on ON DELETE CASCADE
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout, so no busy_timeout pragma is needed.
            DefaultTimeout = 30,
        };
        return builder
            .UseSqlite(connection.ToString(), o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
            .AddInterceptors(SqliteFunctions.Instance);
    }

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        UsePostgres(builder, connectionString, DependencyTimeouts.Default.Database);

    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString, TimeSpan timeout) =>
        builder.UseNpgsql(WithPoolDefaults(connectionString, timeout), o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    /// <summary>As <see cref="UsePostgres(DbContextOptionsBuilder, string)"/>, EF's migration history table in <paramref name="historySchema"/>.</summary>
    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString, string historySchema) =>
        builder.UseNpgsql(WithPoolDefaults(connectionString, DependencyTimeouts.Default.Database), o => o
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
            .MigrationsHistoryTable(HistoryRepository.DefaultTableName, historySchema));

    /// <summary>
    /// Unless the URI says otherwise: the per-request lookups become server-side prepared statements,
    /// and a pooled connection is not reset on return (the catalog sets no session state), which
    /// saves a parse and a round trip on every request. Connecting and each command are bounded by
    /// <paramref name="timeout"/> (whole seconds, at least 1), and a command that times out is not
    /// followed by a long wait for its cancellation: a database that stopped answering costs a
    /// request at most about the timeout, never Npgsql's 15 s + 30 s defaults.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString, TimeSpan timeout)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        var seconds = (int)Math.Max(1, Math.Ceiling(timeout.TotalSeconds));
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = seconds;
        }

        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout"))
        {
            builder.CommandTimeout = seconds;
        }

        if (!given.ContainsKey("Cancellation Timeout") && !given.ContainsKey("CancellationTimeout"))
        {
            builder.CancellationTimeout = 500;
        }

        return builder.ConnectionString;
    }

    internal static string Describe(TiledDbContext db)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        if (db.IsPostgres)
        {
            var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL at {npgsql.Host}:{npgsql.Port}, database '{npgsql.Database}'";
        }

        return $"SQLite file '{new SqliteConnectionStringBuilder(connectionString).DataSource}'";
    }

    private static string SqlitePath(string rest)
    {
        // sqlite:///relative.db and sqlite:////abs/x.db: the path is what follows the third slash.
        if (!rest.StartsWith('/') || rest.Length == 1 || rest == "/:memory:")
        {
            throw new ArgumentException($"A SQLite catalog needs a file: {Usage}");
        }

        return Path.GetFullPath(rest[1..]);
    }
}
