namespace Tiled.Bench.Target;

/// <summary>
/// Finds PostgreSQL and Redis for <c>--start redis</c>: options first, then TILED_BENCH_POSTGRES /
/// TILED_BENCH_REDIS, then the test services' TILED_TEST_POSTGRES (an Npgsql connection string,
/// converted to the postgresql:// URI the server takes) and TILED_TEST_REDIS.
/// </summary>
internal static class ServiceEnvironment
{
    public static string? PostgresUri(string? option)
    {
        var value = option ?? Env("TILED_BENCH_POSTGRES") ?? Env("TILED_TEST_POSTGRES");
        return value is null ? null : ToPostgresUri(value);
    }

    /// <summary>HOST:PORT, without a scheme.</summary>
    public static string? RedisEndpoint(string? option)
    {
        var value = option ?? Env("TILED_BENCH_REDIS") ?? Env("TILED_TEST_REDIS");
        if (value is null)
        {
            return null;
        }

        return value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
            ? new Uri(value).GetComponents(UriComponents.HostAndPort, UriFormat.Unescaped)
            : value;
    }

    /// <summary>Leaves a URI as it is; turns <c>Host=h;Port=p;Username=u;Password=w;Database=d</c> into <c>postgresql://u:w@h:p/d</c>.</summary>
    public static string ToPostgresUri(string value)
    {
        if (value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var parts = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), p => p[1].Trim());
        string? Get(params string[] keys) => keys.Select(k => parts.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));

        var host = Get("host", "server") ?? "127.0.0.1";
        var port = Get("port") ?? "5432";
        var user = Get("username", "userid", "user", "uid") ?? "postgres";
        var password = Get("password", "pwd");
        var database = Get("database", "db") ?? user;
        var userInfo = Uri.EscapeDataString(user) + (password is null ? "" : ":" + Uri.EscapeDataString(password));
        return $"postgresql://{userInfo}@{host}:{port}/{Uri.EscapeDataString(database)}";
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
