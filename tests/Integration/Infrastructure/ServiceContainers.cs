using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.Redis;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL and one Redis container for the whole test run, started through Testcontainers
/// from the images <c>scripts/containers.sh</c> built locally (<c>TILED_TEST_POSTGRES_IMAGE</c>,
/// <c>TILED_TEST_REDIS_IMAGE</c>). Removed when the test process exits; the containers carry the
/// run's label, by which the test command also removes any left behind.
/// </summary>
public sealed class ServiceContainers
{
    private readonly PostgreSqlContainer _postgres;
    private readonly RedisContainer _redis;

    private ServiceContainers(PostgreSqlContainer postgres, RedisContainer redis)
    {
        _postgres = postgres;
        _redis = redis;
    }

    public string PostgresConnectionString => _postgres.GetConnectionString();

    public string RedisAddress => _redis.GetConnectionString();

    /// <summary>The started containers when <c>TILED_TEST_SERVICES=containers</c>, else null.</summary>
    public static ServiceContainers? StartIfAsked()
    {
        if (Environment.GetEnvironmentVariable("TILED_TEST_SERVICES") != "containers")
        {
            return null;
        }

        // Off the caller's synchronization context: the first caller may be a synchronous property.
        return Task.Run(StartAsync).GetAwaiter().GetResult();
    }

    private static async Task<ServiceContainers> StartAsync()
    {
        var label = Environment.GetEnvironmentVariable("TILED_TEST_RUN_ID") ?? "unlabelled";
        var postgres = new PostgreSqlBuilder(Required("TILED_TEST_POSTGRES_IMAGE"))
            .WithLabel("tiled.tests", label)
            .Build();
        var redis = new RedisBuilder(Required("TILED_TEST_REDIS_IMAGE"))
            .WithLabel("tiled.tests", label)
            .Build();
        await Task.WhenAll(postgres.StartAsync(), redis.StartAsync());
        var started = new ServiceContainers(postgres, redis);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => started.RemoveAsync().GetAwaiter().GetResult();
        return started;
    }

    private Task RemoveAsync() => Task.WhenAll(_postgres.DisposeAsync().AsTask(), _redis.DisposeAsync().AsTask());

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"TILED_TEST_SERVICES=containers needs {variable} (scripts/containers.sh sets it).");
}
