using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// The inputs of issue #18 that once made nodes unreadable or the server huge: each is refused before
/// anything is stored, with a detail naming the limit, and what was stored stays readable.
/// </summary>
public abstract class InputLimitTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task A_json_patch_that_would_nest_too_deep_is_refused_and_the_node_stays_readable_listable_and_deletable()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("p");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        var key = Wire.NewKey();
        (await Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        // 20 levels per patch is under max_json_depth (32); four patches nest 80 levels deep.
        var path = "";
        for (var step = 0; step < 4; step++)
        {
            var value = Nested(20);
            var patch = new JsonObject
            {
                ["metadata"] = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = path + "/n", ["value"] = value }),
            };
            var response = await Http.PatchAsync($"/api/v1/metadata/{parent}/{key}", Wire.Json(patch));
            if (step == 0)
            {
                response.EnsureSuccessStatusCode();
            }
            else
            {
                (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("max_json_depth");
                break;
            }

            path += "/n" + string.Concat(Enumerable.Repeat("/n", 19));
        }

        (await Http.GetAsync($"/api/v1/metadata/{parent}/{key}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync($"/api/v1/search/{parent}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Http.DeleteAsync($"/api/v1/metadata/{parent}/{key}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bodies_nested_deeper_than_the_limit_are_422_on_create_replace_and_merge_patch()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var create = Wire.ContainerBody(key);
        create["metadata"] = new JsonObject { ["deep"] = Nested(40) };
        (await (await Http.PostAsync("/api/v1/metadata/", Wire.Json(create))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .Should().Contain("max_json_depth");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        var put = new JsonObject { ["metadata"] = new JsonObject { ["deep"] = Nested(40) } };
        (await Http.PutAsync($"/api/v1/metadata/{key}", Wire.Json(put))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var merge = new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["deep"] = Nested(40) } };
        (await Http.PatchAsync($"/api/v1/metadata/{key}", Wire.Json(merge))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Metadata_over_the_size_limit_is_413_and_nothing_is_stored()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = Wire.ContainerBody(key);
        body["metadata"] = new JsonObject { ["blob"] = new string('x', 2 << 20) };

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Should().Contain("max_metadata_bytes");
        (await Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_json_body_over_its_size_limit_is_413_too_large_naming_the_setting_and_nothing_is_stored()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var body = Wire.ContainerBody(key);
        body["metadata"] = new JsonObject { ["blob"] = new string('x', 17 << 20) };

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(body));

        (await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Should().Contain("max_json_body_bytes");
        (await response.Content.ReadAsStringAsync()).Should().Contain("urn:tiled:error:too-large");
        (await Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Long_metadata_keys_and_too_many_specs_are_refused_naming_the_limit()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        var longKey = Wire.ContainerBody(key);
        longKey["metadata"] = new JsonObject { [new string('k', 300)] = 1 };
        (await (await Http.PostAsync("/api/v1/metadata/", Wire.Json(longKey))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .Should().Contain("max_key_length");
        var specs = Wire.ContainerBody(key);
        specs["specs"] = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode?)new JsonObject { ["name"] = $"s{i}" }).ToArray());
        (await (await Http.PostAsync("/api/v1/metadata/", Wire.Json(specs))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .Should().Contain("max_specs");
        (await Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_extend_into_too_many_chunks_is_refused_and_the_array_keeps_its_shape()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "i", 1, [1], [[1]])))).EnsureSuccessStatusCode();

        var response = await Http.PatchAsync($"/api/v1/array/full/{key}?offset=200000&shape=1&extend=true", Wire.Octets([7]));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("max_chunks_per_dimension");
        var structure = (await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}")))["data"]!["attributes"]!["structure"]!;
        structure["shape"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(1);
    }

    [Fact]
    public async Task Arrays_too_large_or_with_too_many_chunks_in_total_are_refused_on_create()
    {
        if (server.UnavailableReason is not null) { return; }
        var grid = Enumerable.Repeat(4096L, 512).ToArray();
        var huge = await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(Wire.NewKey(), "f", 8, [1L << 21, 1L << 21], [grid, grid])));
        (await huge.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("max_array_bytes");
        var ones = Enumerable.Repeat(1L, 50_000).ToArray();
        var many = await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(Wire.NewKey(), "u", 1, [50_000, 50_000], [ones, ones])));
        (await many.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("max_chunks");
    }

    [Fact]
    public async Task A_search_of_large_nodes_comes_in_pages_bounded_in_bytes_that_links_next_continues()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("big");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        for (var i = 0; i < 40; i++)
        {
            var child = Wire.ContainerBody($"c{i:00}");
            child["metadata"] = new JsonObject { ["blob"] = new string((char)('a' + (i % 26)), 900_000) };
            (await Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(child))).EnsureSuccessStatusCode();
        }

        var keys = new List<string>();
        string? next = $"/api/v1/search/{parent}?page[offset]=0&page[limit]=300";
        var pages = new List<int>();
        while (next is not null)
        {
            var response = await Http.GetAsync(next);
            response.Content.Headers.ContentType!.ToString().Should().StartWith("application/json");
            var body = await response.Content.ReadAsByteArrayAsync();
            body.Length.Should().BeLessThan(20 << 20);
            var page = JsonNode.Parse(body)!;
            page["meta"]!["count"]!.GetValue<long>().Should().Be(40);
            keys.AddRange(page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
            next = page["links"]!["next"]?.GetValue<string>() is { } link ? new Uri(link).PathAndQuery : null;
            pages.Add(page["data"]!.AsArray().Count);
        }

        // Each child holds 900,013 bytes of JSON (metadata and specs): a page ends with the child that
        // reaches max_page_bytes (16 MiB), the 19th, however the catalog reads the rows in batches.
        pages.Should().Equal(19, 19, 2);
        keys.Should().Equal(Enumerable.Range(0, 40).Select(i => $"c{i:00}"));
    }

    private static JsonNode Nested(int levels)
    {
        JsonNode node = new JsonObject { ["leaf"] = 1 };
        for (var i = 1; i < levels; i++)
        {
            node = new JsonObject { ["n"] = node };
        }

        return node;
    }
}

public sealed class SqliteInputLimitTests(SqliteServer server) : InputLimitTests<SqliteServer>(server);

public sealed class PostgresInputLimitTests(PostgresServer server) : InputLimitTests<PostgresServer>(server);
