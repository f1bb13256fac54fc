using System.Runtime.CompilerServices;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Calls to the catalog database: an outage (<see cref="CatalogFailures"/>) becomes
/// <see cref="Application.Common.Errors.CatalogUnavailableException"/> (503) instead of whatever the
/// provider threw. A read that met a connection the database had closed (it restarted) is tried once
/// more on a fresh one, so the first requests after recovery succeed; writes are not repeated after
/// a lost connection, since it leaves unknown whether they committed. A call PostgreSQL rolled back
/// as a deadlock or serialization victim is run again (each catalog call is one transaction per
/// attempt), so two writers meeting on one node do not turn into a 503. Each attempt is awaited for
/// at most <paramref name="deadline"/> (<see cref="DatabaseDeadline"/>).
/// </summary>
internal sealed class CatalogGuard(TimeSpan? deadline)
{
    private const int ConflictAttempts = 4;

    /// <summary>No bound beyond the provider's own timeouts (SQLite, and tests).</summary>
    public static CatalogGuard Unbounded { get; } = new(null);

    /// <summary>Runs <paramref name="read"/> with a token that <paramref name="ct"/> or the deadline cancels.</summary>
    public async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        try
        {
            return await DatabaseDeadline.WithinAsync(read, deadline, ct);
        }
        catch (Exception e) when (CatalogFailures.Translate(e) is { } unavailable)
        {
            if (!CatalogFailures.IsBrokenConnection(e))
            {
                throw unavailable;
            }

            // The pools are emptied by now: the second attempt opens a new connection.
        }

        return await WriteAsync(read, ct);
    }

    /// <summary>
    /// Each step of <paramref name="items"/> as <see cref="WriteAsync{T}"/> guards a call: translated,
    /// never repeated (a sequence that failed half-way cannot be started again where it stopped).
    /// Steps are bounded by the provider's command timeout only: a step given up on could not be
    /// disposed of while it runs.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadEachAsync<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var enumerator = items.GetAsyncEnumerator(ct);
        while (await Unbounded.WriteAsync(async _ => await enumerator.MoveNextAsync(), CancellationToken.None))
        {
            yield return enumerator.Current;
        }
    }

    /// <summary>Runs <paramref name="write"/> with a token that <paramref name="ct"/> or the deadline cancels.</summary>
    public async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DatabaseDeadline.WithinAsync(write, deadline, ct);
            }
            catch (Exception e) when (attempt < ConflictAttempts && CatalogFailures.IsRolledBackConflict(e))
            {
                // Back off a little, at random, so the two transactions do not meet again in step.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt));
            }
            catch (Exception e) when (CatalogFailures.Translate(e) is { } unavailable)
            {
                throw unavailable;
            }
        }
    }

    public Task WriteAsync(Func<CancellationToken, Task> write, CancellationToken ct) => WriteAsync(async token =>
    {
        await write(token);
        return true;
    }, ct);
}
