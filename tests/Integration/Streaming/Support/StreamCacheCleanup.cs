using StackExchange.Redis;
using Tiled.Api.Hosting;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>Frees what a test left in the shared test Redis under its server's own key prefix (never anything else).</summary>
public static class StreamCacheCleanup
{
    /// <summary>Deletes every key under <see cref="ServerSettings.CacheKeyPrefix"/>; nothing to do for the in-memory cache.</summary>
    public static async Task DeleteKeysAsync(ServerSettings settings)
    {
        var address = TestServices.RedisAddress;
        if (settings.CacheUri is null || string.IsNullOrEmpty(address) || settings.CacheKeyPrefix.Length == 0)
        {
            return;
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(address);
        var database = redis.GetDatabase();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var keys = redis.GetServer(endpoint).Keys(pattern: settings.CacheKeyPrefix + "*", pageSize: 500).ToArray();
            if (keys.Length > 0)
            {
                await database.KeyDeleteAsync(keys);
            }
        }
    }
}
