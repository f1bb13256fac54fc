using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Scenarios;

/// <summary>
/// Issue #18's memory case: a container of <see cref="Children"/> children with about 1 MB of
/// metadata each (under the default <c>max_metadata_bytes</c>), listed whole by <see cref="Clients"/>
/// clients at once, over and over for <c>--duration</c>, each following <c>links.next</c> through
/// the pages <c>max_page_bytes</c> makes; then the container is deleted and the server left idle for
/// <see cref="Idle"/>. Notes: the server's RSS before, at its peak during the listings, and after.
/// </summary>
internal sealed class LargeListingsScenario : IScenario
{
    private const int Children = 32;
    private const int MetadataChars = 1_000_000;
    private const int Clients = 4;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    public string Name => "large-listings";

    public async IAsyncEnumerable<CaseResult> RunAsync(ScenarioContext context, [EnumeratorCancellation] CancellationToken ct)
    {
        var parameters = $"{Children} children × {MetadataChars / 1e6:0.#} MB, {Clients} clients";
        yield return await context.RunCaseAsync(Name, parameters, meter => RunCaseAsync(context, meter, parameters, ct), ct);
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioContext context, CaseMeter meter, string parameters, CancellationToken ct)
    {
        var pid = context.Target.Pid;
        var parent = context.NewKey(Name);
        var baseline = Rss(pid);
        if (await context.Http.CreateContainerAsync("", parent, [], ct) != 200)
        {
            throw new HttpRequestException("Creating the container failed.");
        }

        for (var i = 0; i < Children; i++)
        {
            var metadata = new JsonObject { ["blob"] = new string((char)('a' + (i % 26)), MetadataChars) };
            if (await context.Http.CreateContainerAsync(parent, $"c{i:00}", metadata, ct) != 200)
            {
                throw new HttpRequestException($"Creating child {i} failed.");
            }
        }

        var created = Rss(pid);
        var pages = 0L;
        var bytes = 0L;
        var failures = 0L;
        var started = Stopwatch.GetTimestamp();
        RssSampler? sampler = pid is { } p ? new RssSampler(p, context.Options.RssInterval) : null;
        var deadline = DateTime.UtcNow + context.Options.Duration;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            while (DateTime.UtcNow < deadline)
            {
                string? next = $"search/{parent}?page[limit]=300";
                while (next is not null)
                {
                    var (status, body) = await context.Http.GetBodyAsync(next, ct);
                    if (status != 200)
                    {
                        Interlocked.Increment(ref failures);
                        break;
                    }

                    Interlocked.Increment(ref pages);
                    Interlocked.Add(ref bytes, body.Length);
                    next = NextPage(body);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double? peak = null;
        if (sampler is not null)
        {
            await sampler.DisposeAsync();
            peak = sampler.MaxMiB;
        }

        var afterListings = Rss(pid);
        var deleted = await context.Http.DeleteRecursiveAsync(parent, ct) == 200;
        await Task.Delay(Idle, ct);
        var after = Rss(pid);
        var usage = await meter.StopAsync();
        var notes = pid is null
            ? "RSS unknown (no server PID)"
            : $"RSS baseline {baseline:0} MiB, {created:0} after creating, peak {peak:0} during the listings, {afterListings:0} when they ended, "
              + $"{after:0} after deleting the children and {Idle.TotalSeconds:0} s idle";
        return new CaseResult
        {
            Scenario = Name,
            Parameters = parameters,
            Operations = pages,
            ElapsedSeconds = elapsed,
            Throughput = pages / elapsed,
            ThroughputUnit = "pages/s",
            Errors = failures + (deleted ? 0 : 1),
            Server = usage,
            Notes = notes + (deleted ? "" : "; the delete failed"),
            Details =
            {
                ["rss_baseline_mib"] = baseline,
                ["rss_after_create_mib"] = created,
                ["rss_peak_mib"] = peak,
                ["rss_after_listings_mib"] = afterListings,
                ["rss_after_delete_idle_mib"] = after,
                ["pages"] = pages,
                ["mb_listed"] = Math.Round(bytes / 1e6, 1),
            },
        };
    }

    /// <summary>The page's <c>links.next</c>, relative to <c>/api/v1/</c>; null on the last page.</summary>
    private static string? NextPage(byte[] body)
    {
        using var page = JsonDocument.Parse(body);
        if (page.RootElement.GetProperty("links").GetProperty("next") is { ValueKind: JsonValueKind.String } next)
        {
            var link = next.GetString()!;
            return link[(link.IndexOf("/api/v1/", StringComparison.Ordinal) + "/api/v1/".Length)..];
        }

        return null;
    }

    private static double? Rss(int? pid) => pid is { } p && ServerProbe.RssMiB(p) is { } rss ? Math.Round(rss, 1) : null;
}
