using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.TestKit;

namespace Tiled.UnitTests.Infrastructure.Streaming;

public sealed class InMemoryStreamCacheContractTests : StreamCacheContract
{
    private readonly ManualTimeProvider _clock = new();

    protected override Task<IStreamCache> CreateAsync(StreamCacheOptions options) =>
        Task.FromResult<IStreamCache>(new InMemoryStreamCache(options, _clock));

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _clock.Advance(duration);
        return Task.CompletedTask;
    }
}
