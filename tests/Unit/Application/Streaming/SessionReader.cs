using System.Runtime.CompilerServices;
using FluentAssertions;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>
/// Reads what one subscriber is sent, item by item, each with a deadline, and describes items
/// compactly. <see cref="Follow"/> runs a subscriber as the node's hub does, minus the sharing.
/// </summary>
internal sealed class SessionReader : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly IAsyncEnumerator<SubscriptionItem> _items;
    private Task<bool>? _pending;

    public SessionReader(Func<CancellationToken, IAsyncEnumerable<SubscriptionItem>> items) =>
        _items = items(_stop.Token).GetAsyncEnumerator(_stop.Token);

    /// <summary>The session's replay, then the reader's live items as the session accepts them, until one ends the subscription.</summary>
    public static async IAsyncEnumerable<SubscriptionItem> Follow(SubscriptionSession session, LiveFeedReader reader,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in session.ReplayAsync(ct))
        {
            if (item is SubscriptionEnd)
            {
                yield break;
            }

            yield return item;
        }

        await foreach (var item in reader.ReadAsync(ct))
        {
            switch (session.Accept(item))
            {
                case null:
                    continue;
                case SubscriptionEnd:
                    yield break;
                case var accepted:
                    yield return accepted;
                    break;
            }
        }
    }

    /// <summary>"3" for entry 3, "gap 1-2", "reset after 5".</summary>
    public static string Describe(SubscriptionItem item) => item switch
    {
        SubscriptionEntry entry => $"{entry.Entry.Sequence}",
        SubscriptionGap gap => $"gap {gap.From}-{gap.To}",
        SubscriptionReset reset => $"reset after {reset.PreviousSequence}",
        SubscriptionEnd end => $"end at {end.Sequence}",
        _ => item.ToString(),
    };

    public async Task<SubscriptionItem> NextAsync()
    {
        (await MoveAsync()).Should().BeTrue("the session should yield another item");
        return _items.Current;
    }

    public async Task<IReadOnlyList<string>> TakeAsync(int count)
    {
        var described = new List<string>();
        for (var i = 0; i < count; i++)
        {
            described.Add(Describe(await NextAsync()));
        }

        return described;
    }

    /// <summary>Asserts that the session completes (the producer ended the stream).</summary>
    public async Task EndsAsync() => (await MoveAsync()).Should().BeFalse("the session should have ended");

    /// <summary>The next move, for asserting on how it fails.</summary>
    public Task<bool> MoveAsync()
    {
        _pending = _items.MoveNextAsync().AsTask();
        return _pending.WaitAsync(Deadline);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pending is { } pending)
        {
            try
            {
                await pending;
            }
            catch (Exception)
            {
                // Cancelled or failed: either way the enumerator can be disposed now.
            }
        }

        await _items.DisposeAsync();
        _stop.Dispose();
    }
}
