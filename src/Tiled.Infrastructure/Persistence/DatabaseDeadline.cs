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
