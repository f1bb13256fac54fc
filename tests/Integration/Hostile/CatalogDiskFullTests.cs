using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>The fault tests' server, with PostgreSQL's data directory on a 48 MiB tmpfs the test fills (as root).</summary>
public sealed class FullCatalogDiskServer : FaultyServer
{
    protected override string? DataDiskSize => "48m";
}

/// <summary>
/// The issue's report: a create that failed on a full PostgreSQL disk left a node behind, and its retry
/// answered 409. With the catalog's disk full, creates and writes answer 503 naming the catalog database
/// (or 507), nothing is half done, and once space is freed the same requests succeed.
/// </summary>
public sealed class CatalogDiskFullTests(FullCatalogDiskServer server, ITestOutputHelper output) : IClassFixture<FullCatalogDiskServer>
{
    /// <summary>
    /// Small metadata: PostgreSQL fails to extend a table (an error, the server runs on). Large random
    /// metadata: it also fails to write its WAL (a PANIC: it restarts, or stops until started again).
    /// </summary>
    [Theory]
    [InlineData(6_000, false)]
    [InlineData(200_000, true)]
    public async Task Requests_while_the_catalog_disk_is_full_change_nothing_and_succeed_when_repeated_after_space_is_freed(int paddingLength, bool random)
    {
        if (server.UnavailableReason is not null)
        {
            output.WriteLine($"Skipped: {server.UnavailableReason}.");
            return;
        }

        var existing = Wire.NewKey("e");
        await Wire.CreateInt64ArrayAsync(server.Http, existing, 1, 2);
        var filler = Path.Combine(server.Dependencies.DataDisk!, "filler");
        Tmpfs.Fill(filler);

        // Large metadata fills the catalog's pages, so that PostgreSQL soon needs new ones it cannot have.
        var padding = random ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(paddingLength))[..paddingLength] : new string('x', paddingLength);
        var failed = new List<(string Key, JsonObject Body)>();
        var created = new List<string>();
        var outcomes = new List<string>();
        var written = 2L;
        for (var i = 0; i < 60 && failed.Count < 6; i++)
        {
            var key = Wire.NewKey("f");
            var body = i % 2 == 0 ? Wire.ContainerBody(key) : Wire.Int64Body(key, 2);
            body["metadata"] = new JsonObject { ["padding"] = $"{padding}{i}" };
            using var create = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(body));
            outcomes.Add(await OutcomeAsync(create));
            if (create.StatusCode == HttpStatusCode.OK)
            {
                created.Add(key);
            }
            else
            {
                failed.Add((key, body));
            }

            using var write = await server.Http.PutAsync($"/api/v1/array/full/{existing}", Wire.Octets(Wire.Int64s(written + 1, written + 1)));
            outcomes.Add(await OutcomeAsync(write));
            written = write.StatusCode == HttpStatusCode.OK ? written + 1 : written;
        }

        output.WriteLine($"while the catalog's disk was full: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Count()}× {g.Key}"))}");
        outcomes.Should().OnlyContain(o => o == "200" || o.StartsWith("507", StringComparison.Ordinal)
            || (o.StartsWith("503", StringComparison.Ordinal) && o.Contains("catalog database", StringComparison.Ordinal)));
        failed.Should().NotBeEmpty("the catalog's disk is full");

        File.Delete(filler);
        await server.Dependencies.EnsurePostgresAsync();
        await RecoveredAsync();
        foreach (var (key, body) in failed)
        {
            Directory.GetDirectories(server.Settings.WriteStorage, $"{key}-*").Should().BeEmpty($"the failed create of {key} left no storage");
            using var retry = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(body));
            retry.StatusCode.Should().Be(HttpStatusCode.OK, $"repeating the failed create of {key} is a first attempt: {await retry.Content.ReadAsStringAsync()}");
        }

        foreach (var key in created)
        {
            (await server.Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{existing}")).Should().Equal(written, written);
        (await server.Http.PutAsync($"/api/v1/array/full/{existing}", Wire.Octets(Wire.Int64s(7, 7)))).EnsureSuccessStatusCode();
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK
            ? "200"
            : $"{(int)response.StatusCode} {JsonNode.Parse(await response.Content.ReadAsStringAsync())?["detail"]}";

    /// <summary>Waits (up to 30 s) until the catalog answers again: PostgreSQL may be recovering from a crash.</summary>
    private async Task RecoveredAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await server.Http.GetAsync("/api/v1/metadata/")).StatusCode != HttpStatusCode.OK)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the catalog answers once space is freed");
            await Task.Delay(200);
        }
    }
}
