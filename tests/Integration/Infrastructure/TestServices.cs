namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>
/// The shared test PostgreSQL and Redis. With <c>TILED_TEST_SERVICES=containers</c> (set by
/// <c>scripts/containers.sh</c> once the engine and images are ready) they are
/// <see cref="ServiceContainers"/>, started on first use; otherwise the servers that
/// <c>scripts/services.sh</c> started and named in <c>TILED_TEST_POSTGRES</c> and <c>TILED_TEST_REDIS</c>.
/// </summary>
public static class TestServices
{
    private static readonly Lazy<ServiceContainers?> Containers = new(ServiceContainers.StartIfAsked);

    /// <summary>An Npgsql connection string of a superuser of the test PostgreSQL, or null.</summary>
    public static string? PostgresConnectionString =>
        Containers.Value?.PostgresConnectionString ?? Environment.GetEnvironmentVariable("TILED_TEST_POSTGRES");

    /// <summary>host:port of the test Redis, or null.</summary>
    public static string? RedisAddress =>
        Containers.Value?.RedisAddress ?? Environment.GetEnvironmentVariable("TILED_TEST_REDIS");
}
