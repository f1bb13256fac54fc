using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// Property-based fuzzing of every route that takes a body or query parameters: generated JSON
/// bodies (deep, wide, odd strings), query strings and binary bodies. Every answer is below 500, and
/// a request that is refused changes nothing that is stored (a container and an array, read back
/// after each request).
/// </summary>
public abstract class FuzzTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private const int Iterations = 120;

    private static readonly Gen<string> QueryText = Gen.String[Gen.Char["0123456789,:-.eE ()[]abcxyz%&=;_"], 0, 12];

    private static readonly Gen<string> Family = Gen.OneOf(Gen.Const("container"), Gen.Const("array"), Gen.Const("table"), Gen.Const("sparse"), Gen.String[0, 8]);

    private string? _container;
    private string? _array;
    private (string Metadata, string Data) _snapshot;

    private HttpClient Http => server.Http;

    [Fact]
    public Task Node_creation_and_registration_bodies() => FuzzAsync(
        Gen.Select(Family, FuzzGen.Json(4), FuzzGen.Json(3), Gen.Bool, (family, metadata, source, register) => (family, metadata, source, register)),
        t => Http.PostAsync($"/api/v1/{(t.register ? "register" : "metadata")}/{_container}", Wire.Json(new JsonObject
        {
            ["structure_family"] = t.family,
            ["metadata"] = t.metadata,
            ["data_sources"] = new JsonArray(t.source),
        })));

    [Fact]
    public Task Metadata_patch_and_replace_bodies() => FuzzAsync(
        Gen.Select(Gen.Int[0, 3], FuzzGen.Json(4), FuzzGen.Json(2), (kind, metadata, specs) => (kind, metadata, specs)),
        t => t.kind switch
        {
            0 => Http.PatchAsync($"/api/v1/metadata/{_container}", Wire.Json(new JsonObject
            {
                ["content-type"] = "application/json-patch+json", ["metadata"] = new JsonArray(t.metadata), ["specs"] = t.specs,
            })),
            1 => Http.PatchAsync($"/api/v1/metadata/{_container}", Wire.Json(new JsonObject
            {
                ["content-type"] = "application/merge-patch+json", ["metadata"] = t.metadata, ["specs"] = t.specs,
            })),
            2 => Http.PutAsync($"/api/v1/metadata/{_container}", Wire.Json(new JsonObject { ["metadata"] = t.metadata, ["specs"] = t.specs })),
            _ => Http.PutAsync($"/api/v1/data_source/{_array}", Wire.Json(new JsonObject { ["data_source"] = t.metadata })),
        });

    [Fact]
    public Task Raw_json_bodies_deeply_nested_or_broken() => FuzzAsync(
        Gen.Select(Gen.Int[1, 200], Gen.String[0, 40], Gen.Int[0, 2], (depth, text, route) => (depth, text, route)),
        t =>
        {
            var body = new string('[', t.depth) + t.text + new string(']', t.depth % 3 == 0 ? t.depth : t.depth / 2);
            var content = new StringContent(body, Encoding.UTF8, "application/json");
            return t.route switch
            {
                0 => Http.PostAsync($"/api/v1/metadata/{_container}", content),
                1 => Http.PatchAsync($"/api/v1/metadata/{_container}", content),
                _ => Http.PutAsync($"/api/v1/metadata/{_container}", content),
            };
        });

    [Fact]
    public Task Search_and_read_query_strings() => FuzzAsync(
        Gen.Select(Gen.Int[0, 4], QueryText, QueryText, (route, a, b) => (route, a, b)),
        t => Http.GetAsync(t.route switch
        {
            0 => $"/api/v1/search/{_container}?page[offset]={Uri.EscapeDataString(t.a)}&page[limit]={Uri.EscapeDataString(t.b)}",
            1 => $"/api/v1/array/full/{_array}?slice={Uri.EscapeDataString(t.a)}&format={Uri.EscapeDataString(t.b)}",
            2 => $"/api/v1/array/block/{_array}?block={Uri.EscapeDataString(t.a)}&slice={Uri.EscapeDataString(t.b)}",
            3 => $"/api/v1/metadata/{_container}?fields={Uri.EscapeDataString(t.a)}&omit_links={Uri.EscapeDataString(t.b)}",
            _ => $"/api/v1/table/full/{_array}?column={Uri.EscapeDataString(t.a)}&partition={Uri.EscapeDataString(t.b)}",
        }));

    [Fact]
    public Task Array_writes_with_odd_parameters_and_bodies() => FuzzAsync(
        Gen.Select(Gen.Int[0, 2], QueryText, QueryText, Gen.Byte.Array[0, 64], (route, a, b, bytes) => (route, a, b, bytes)),
        t => t.route switch
        {
            0 => Http.PatchAsync($"/api/v1/array/full/{_array}?offset={Uri.EscapeDataString(t.a)}&shape={Uri.EscapeDataString(t.b)}&extend=true",
                Wire.Octets(t.bytes)),
            1 => Http.PutAsync($"/api/v1/array/block/{_array}?block={Uri.EscapeDataString(t.a)}", Wire.Octets(t.bytes)),
            _ => Http.PutAsync($"/api/v1/table/partition/{_array}?partition={Uri.EscapeDataString(t.b)}", Wire.Octets(t.bytes)),
        });

    /// <summary>Sends each sample; asserts no 5xx and, unless it succeeded, nothing stored changed.</summary>
    private async Task FuzzAsync<T>(Gen<T> gen, Func<T, Task<HttpResponseMessage>> send)
    {
        if (server.UnavailableReason is not null) { return; }
        await SetUpAsync();
        var sent = 0;
        await gen.SampleAsync(async sample =>
        {
            Interlocked.Increment(ref sent);
            using var response = await send(sample);
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).Should().BeLessThan(500, body);
            var after = await SnapshotAsync();
            if (response.IsSuccessStatusCode)
            {
                _snapshot = after;
            }
            else
            {
                after.Should().Be(_snapshot, $"a refused request ({(int)response.StatusCode}: {body}) changes nothing");
            }
        }, iter: Iterations, threads: 1);
        sent.Should().BeGreaterThanOrEqualTo(Iterations);
    }

    private async Task SetUpAsync()
    {
        _container = Wire.NewKey("fz");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(_container)))).EnsureSuccessStatusCode();
        _array = Wire.NewKey("fa");
        await Wire.CreateInt64ArrayAsync(Http, _array, 1, 2, 3);
        _snapshot = await SnapshotAsync();
    }

    private async Task<(string Metadata, string Data)> SnapshotAsync() => (
        await Http.GetStringAsync($"/api/v1/metadata/{_container}") + await Http.GetStringAsync($"/api/v1/metadata/{_array}"),
        Convert.ToBase64String(await Http.GetByteArrayAsync($"/api/v1/array/full/{_array}")));
}

public sealed class SqliteFuzzTests(SqliteServer server) : FuzzTests<SqliteServer>(server);

public sealed class PostgresFuzzTests(PostgresServer server) : FuzzTests<PostgresServer>(server);
