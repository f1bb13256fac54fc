namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// A hard bound on waiting for a PostgreSQL call. Npgsql's command timeout alone is not one when the
/// server stops answering (frozen, or its host gone): after the timeout Npgsql sends a cancel request
/// on a new connection, which such a server never answers either, and a 5 s command timeout was
/// measured to return after 15 s. A call that overruns the deadline is left to end on its own (its
/// failure observed, the given action run on it when it ends) and the caller gets a
/// <see cref="TimeoutException"/>, which <see cref="CatalogFailures"/> reports as an outage.
/// </summary>
internal static class DatabaseDeadline
{
    /// <summary>How much longer than its cancellation a call is awaited: time to see it and roll back or take back.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="call"/> with a token cancelled after <paramref name="deadline"/> (so a call
    /// that gets its answer late does not go on to commit: it sees the cancellation) and awaits it for
    /// at most <see cref="Grace"/> longer. Its cancellation by the deadline is a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<T> WithinAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan? deadline, CancellationToken ct)
    {
        if (deadline is not { } limit)
        {
            return await call(ct);
        }

        var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(limit);
        var running = call(expiry.Token);
        if (running.IsCompletedSuccessfully)
        {
            // Answered at once (a cached node): no wait to bound.
            expiry.Dispose();
            return running.Result;
        }

        try
        {
            var result = await WithinAsync(running, limit + Grace, _ => expiry.Dispose());
            expiry.Dispose();
            return result;
        }
        catch (OperationCanceledException e) when (expiry.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            expiry.Dispose();
            throw new TimeoutException($"The call did not end within {limit.TotalSeconds:0.#} s.", e);
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            expiry.Dispose();
            throw;
        }
    }

    /// <summary>Awaits <paramref name="call"/> for at most <paramref name="deadline"/>; one given up on runs <paramref name="abandoned"/> when it ends.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> call, TimeSpan? deadline, Action<Task<T>>? abandoned = null)
    {
        if (deadline is not { } limit)
        {
            return await call;
        }

        try
        {
            return await call.WaitAsync(limit);
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            _ = call.ContinueWith(ended =>
            {
                _ = ended.Exception;
                abandoned?.Invoke(ended);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }
}
