namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// A fixed set of async locks chosen by key hash: serialises read-modify-write of the same chunk
/// within this process with bounded memory. Unrelated keys may share a stripe, which only costs
/// some waiting; a caller holds one stripe at a time, so stripes cannot deadlock.
/// </summary>
internal sealed class StripedLock(int stripes)
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Runs <paramref name="action"/> while holding the stripe of <paramref name="key"/>.</summary>
    public async Task RunAsync(string key, Func<Task> action, CancellationToken ct)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(ct);
        try
        {
            await action();
        }
        finally
        {
            stripe.Release();
        }
    }
}
