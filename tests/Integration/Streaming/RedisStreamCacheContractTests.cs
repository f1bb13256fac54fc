using Tiled.Application.Abstractions;
using Tiled.UnitTests.Infrastructure.Streaming;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>The stream cache contract against a real Redis; TTL tests take real (short) seconds.</summary>
public sealed class RedisStreamCacheContractTests(ITestOutputHelper output) : StreamCacheContract
{
    protected override Task<bool> IsAvailableAsync() => RedisStreamCacheTestServer.IsAvailableAsync(output);

    protected override async Task<IStreamCache> CreateAsync(StreamCacheOptions options) =>
        await RedisStreamCacheTestServer.ConnectAsync(options, RedisStreamCacheTestServer.UniquePrefix());

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);
}
