using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.TestKit;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>
/// A real in-memory cache on a manual clock, subscribers of node 7 (each with its own live feed
/// reader, joined where the reader opened), and readers that are cleaned up.
/// </summary>
public abstract class SubscriptionSessionTestBase : IAsyncDisposable
{
    protected const long Node = 7;

    protected static readonly byte[] Message =
        """{"type":"array-data","timestamp":"2025-01-01T00:00:00.000000+00:00","mimetype":"application/octet-stream","shape":[1],"offset":null,"block":null}"""u8.ToArray();

    private static readonly byte[] Marker = """{"timestamp":"2025-01-01T00:00:00.000000+00:00","end_of_stream":true}"""u8.ToArray();

    private readonly List<InMemoryStreamCache> _caches = [];
    private readonly List<IAsyncDisposable> _disposables = [];

    protected ManualTimeProvider Clock { get; } = new();

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        foreach (var cache in _caches)
        {
            cache.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected InMemoryStreamCache CreateCache(StreamCacheOptions? options = null)
    {
        var cache = new InMemoryStreamCache(options ?? new StreamCacheOptions(), Clock);
        _caches.Add(cache);
        return cache;
    }

    protected async Task<LiveFeedReader> OpenReaderAsync(IStreamCache cache)
    {
        var reader = await LiveFeedReader.OpenAsync(cache, Node, CancellationToken.None);
        _disposables.Add(reader);
        return reader;
    }

    private protected async Task<SessionReader> ReadAsync(IStreamCache cache, long? start)
    {
        var feed = await OpenReaderAsync(cache);
        var session = await SubscriptionSession.OpenAsync(cache, Node, start, feed.OpenedAt, CancellationToken.None);
        var reader = new SessionReader(ct => SessionReader.Follow(session, feed, ct));
        _disposables.Add(reader);
        return reader;
    }

    protected static async Task AppendAsync(IStreamCache cache, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await cache.AppendAsync(Node, Message, new byte[1], CancellationToken.None);
        }
    }

    protected static Task CloseAsync(IStreamCache cache) => cache.CloseAsync(Node, Marker, CancellationToken.None);
}
