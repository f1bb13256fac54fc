using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.DataSources;

/// <summary>
/// Reads that race changes to registered data (issue #11, item 4): a read racing a data-source
/// replacement gets the old or the new array, never an error, even when the old files are deleted
/// right after the replacement; files that changed moments ago and lag the structure are 503 with
/// Retry-After, as Tiled 0.2.18 answers.
/// </summary>
public sealed class ReplacementRaceTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly long[][] Versions = [[1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11, 12]];

    [Fact]
    public async Task Reads_during_replacements_that_delete_the_old_files_get_one_version_or_the_other()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var first = await WriteFileAsync(0);
        var created = await Wire.ReadJsonAsync(await server.Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(key, Source(first, 0, null)))));
        var id = created["data_sources"]![0]!["id"]!.GetValue<long>();
        using var stop = new CancellationTokenSource();

        var replacing = Task.Run(async () =>
        {
            var previous = first;
            for (var flip = 1; flip <= 20; flip++)
            {
                var file = await WriteFileAsync(flip);
                var put = await server.Http.PutAsync($"/api/v1/data_source/{key}", Wire.Json(new JsonObject { ["data_source"] = Source(file, flip, id) }));
                put.EnsureSuccessStatusCode();
                File.Delete(previous);
                previous = file;
                await Task.Delay(60);
            }

            await stop.CancelAsync();
        });
        var failures = new List<string>();
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            using var response = await server.Http.GetAsync($"/api/v1/array/full/{key}");
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
            }
            else if (!Versions.Any(v => v.SequenceEqual(Wire.ToInt64s(body))))
            {
                failures.Add($"a mixed array: {string.Join(',', Wire.ToInt64s(body))}");
            }

            reads++;
        }

        await replacing;
        reads.Should().BeGreaterThan(20);
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Files_that_fall_behind_the_structure_are_503_while_freshly_changed_and_400_once_they_settle()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var file = await WriteFileAsync(0);
        (await server.Http.PostAsync("/api/v1/register/", Wire.Json(External.Register(key, Source(file, 0, null))))).EnsureSuccessStatusCode();

        await File.WriteAllBytesAsync(file, Wire.Int64s(1, 2));
        var changing = await server.Http.GetAsync($"/api/v1/array/full/{key}");

        (await changing.ShouldBeProblemAsync(System.Net.HttpStatusCode.ServiceUnavailable)).Should().Contain("changed moments ago");
        changing.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        await (await server.Http.GetAsync($"/api/v1/array/full/{key}")).ShouldBeProblemAsync(System.Net.HttpStatusCode.BadRequest);
    }

    private async Task<string> WriteFileAsync(int flip)
    {
        var path = Path.Combine(server.ExternalDirectory, $"{Wire.NewKey()}-{flip}.bin");
        await File.WriteAllBytesAsync(path, Wire.Int64s(Versions[flip % 2]));
        return path;
    }

    private static JsonObject Source(string file, int flip, long? id) =>
        External.DataSource("application/octet-stream", null, [External.Asset(file, num: 0)],
            new JsonObject { ["dtype"] = "<i8", ["shape"] = new JsonArray(Versions[flip % 2].Length) }, id);
}
