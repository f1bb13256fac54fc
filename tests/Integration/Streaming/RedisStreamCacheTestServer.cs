using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Streaming;
using Tiled.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// The test Redis named by <c>TILED_TEST_REDIS</c> (host:port). Without it, tests end early with a
/// note, except when <c>CI</c> is set: then they fail, so a misconfigured build cannot pass.
/// </summary>
internal static class RedisStreamCacheTestServer
{
    private static readonly Lazy<Task<string?>> Problem = new(ProbeAsync);

    public static string? Address => TestServices.RedisAddress;

    public static string Uri => $"redis://{Address}";

    /// <summary>A key and channel prefix of one's own, so tests never see each other's data.</summary>
    public static string UniquePrefix() => $"tiled-test:{Guid.NewGuid():N}:";

    public static async Task<bool> IsAvailableAsync(ITestOutputHelper output)
    {
        var problem = await Problem.Value;
        if (problem is null)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"The test Redis is required when CI is set: {problem}");
        }

        output.WriteLine($"Not run: {problem}");
        return false;
    }

    public static Task<RedisStreamCache> ConnectAsync(StreamCacheOptions options, string keyPrefix, string clientName = "tiled-test") =>
        RedisStreamCache.ConnectAsync(Uri, options, keyPrefix, NullLogger<RedisStreamCache>.Instance, clientName);

    /// <summary>A plain connection for looking at what the cache wrote.</summary>
    public static Task<ConnectionMultiplexer> ConnectDirectlyAsync() =>
        // Admin mode: some tests list and kill client connections (CLIENT LIST / KILL).
        ConnectionMultiplexer.ConnectAsync((Address ?? throw new InvalidOperationException("TILED_TEST_REDIS is not set.")) + ",allowAdmin=true");

    private static async Task<string?> ProbeAsync()
    {
        if (string.IsNullOrWhiteSpace(Address))
        {
            return "TILED_TEST_REDIS (host:port of a test Redis) is not set";
        }

        try
        {
            await using var cache = await ConnectAsync(new StreamCacheOptions(), UniquePrefix());
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }
}
