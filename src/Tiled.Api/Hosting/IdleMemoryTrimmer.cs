using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tiled.Api.Hosting;

/// <summary>
/// Gives memory back to the system once a burst of allocation is over (issue #18). The .NET GC
/// only runs when the program allocates, so a server that goes idle after large responses or
/// uploads keeps the heap it grew to. Every <see cref="IdleMemoryOptions.Interval"/> this looks at
/// how much was allocated: after an interval with at least
/// <see cref="IdleMemoryOptions.BurstBytes"/> allocated, the first quiet interval (under
/// <see cref="IdleMemoryOptions.QuietBytes"/>) runs one aggressive, compacting collection, which
/// decommits what is free. A busy server never pays for it; an idle one pays once per burst.
/// </summary>
internal sealed class IdleMemoryTrimmer(IdleMemoryOptions options, TimeProvider clock, ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var policy = new IdleMemoryPolicy(options);
        using var timer = new PeriodicTimer(options.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (policy.ShouldTrim(GC.GetTotalAllocatedBytes()))
                {
                    var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    NativeHeap.Trim();
                    Logging.Log.MemoryTrimmed(logger, before / (1024 * 1024), GC.GetGCMemoryInfo().TotalCommittedBytes / (1024 * 1024));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>
/// The C library's heap: native allocations (SQLite's page cache, Npgsql and Kestrel buffers) that
/// were freed stay mapped until <c>malloc_trim</c> gives them back. glibc only; a no-op elsewhere.
/// </summary>
internal static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): nothing to trim this way.
        }
    }

    // DllImport rather than LibraryImport: the generated form needs unsafe code, and this signature needs no marshalling.
#pragma warning disable SYSLIB1054
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}

/// <summary>When to trim, judged from the process's allocated-bytes counter at each tick.</summary>
internal sealed class IdleMemoryPolicy(IdleMemoryOptions options)
{
    private long _lastAllocated = -1;
    private bool _burstSinceTrim;

    /// <summary>Records the counter at this tick; true when the previous burst has just gone quiet.</summary>
    public bool ShouldTrim(long allocatedSoFar)
    {
        var allocated = _lastAllocated < 0 ? 0 : allocatedSoFar - _lastAllocated;
        _lastAllocated = allocatedSoFar;
        if (allocated >= options.BurstBytes)
        {
            _burstSinceTrim = true;
            return false;
        }

        if (_burstSinceTrim && allocated < options.QuietBytes)
        {
            _burstSinceTrim = false;
            return true;
        }

        return false;
    }
}

/// <summary>Settings of <see cref="IdleMemoryTrimmer"/>.</summary>
public sealed record IdleMemoryOptions
{
    public bool Enabled { get; init; } = true;

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Allocated in one interval to count as a burst (64 MiB).</summary>
    public long BurstBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Allocated in one interval to count as quiet (4 MiB).</summary>
    public long QuietBytes { get; init; } = 4L * 1024 * 1024;
}
