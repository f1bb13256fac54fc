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
    public Task RunAsync(string key, Func<Task> action, CancellationToken ct) =>
        RunAsync(key, async () =>
        {
            await action();
            return true;
        }, ct);

    /// <summary>Runs <paramref name="action"/> while holding the stripe of <paramref name="key"/>, and returns its result.</summary>
    public async Task<T> RunAsync<T>(string key, Func<Task<T>> action, CancellationToken ct)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(ct);
        try
        {
            return await action();
        }
        finally
        {
            stripe.Release();
        }
    }
}
