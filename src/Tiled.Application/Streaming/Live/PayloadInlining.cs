using Microsoft.Extensions.Logging;
using Tiled.Application.Streaming;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// A subscriber's wish for payloads inline (<c>inline=true</c>): array writes that were streamed by
/// reference reach it as <c>array-data</c> with the stored region. If the region cannot be read
/// (storage or catalog failing), the reference is sent as it is rather than holding the stream up.
/// </summary>
public sealed class PayloadInlining(ArrayDataInliner inliner, NodePath path, ILogger logger)
{
    /// <summary>The item to send: an entry sent by reference, inlined; anything else unchanged.</summary>
    public async Task<SubscriptionItem> ApplyAsync(SubscriptionItem item, CancellationToken ct)
    {
        if (item is not SubscriptionEntry { Entry: var entry } update)
        {
            return item;
        }

        try
        {
            var inlined = await inliner.InlineAsync(path, entry, ct);
            return ReferenceEquals(inlined, entry) ? item : update with { Entry = inlined };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LiveStreamLog.InlineFailed(logger, e, path.ToString(), entry.Sequence);
            return item;
        }
    }
}
