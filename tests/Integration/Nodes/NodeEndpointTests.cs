using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Nodes;

/// <summary>About, node documents, listing, creation, metadata and deletion over HTTP (protocol §1-3, §5, §8).</summary>
public abstract class NodeEndpointTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task About_document_has_every_key_the_python_client_requires_and_needs_no_key()
    {
        if (server.UnavailableReason is not null) { return; }

        var about = await Wire.ReadJsonAsync(await server.Anonymous.GetAsync("/api/v1/"));

        about.Select(p => p.Key).Should().Contain(["api_version", "library_version", "formats", "aliases", "queries", "authentication", "links", "meta"]);
        about["links"]!["self"]!.GetValue<string>().Should().Be(server.BaseUrl + "/api/v1");
        about["authentication"]!["required"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Search_pages_children_in_insertion_order_with_next_links_and_count()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("c");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        var keys = Enumerable.Range(0, 5).Select(i => $"k{i}").ToArray();
        foreach (var key in keys)
        {
            (await Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        string? next = $"/api/v1/search/{parent}?page[offset]=0&page[limit]=2";
        var pages = 0;
        while (next is not null)
        {
            var page = await Wire.ReadJsonAsync(await Http.GetAsync(next));
            page["meta"]!["count"]!.GetValue<long>().Should().Be(5);
            seen.AddRange(page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
            next = page["links"]!["next"]?.GetValue<string>();
            pages++;
        }

        seen.Should().Equal(keys);
        pages.Should().Be(3);
        var document = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{parent}"));
        document["data"]!["attributes"]!["structure"]!["count"]!.GetValue<long>().Should().Be(5);
        var child = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata//{parent}//k3"));
        child["data"]!["attributes"]!["ancestors"]!.ToJsonString().Should().Be($"[\"{parent}\"]");
    }

    [Fact]
    public async Task Metadata_merge_patch_json_patch_and_replace_are_applied_and_kept()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1);

        var merge = new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["color"] = "blue", ["n"] = 1 }, ["specs"] = null, ["access_blob"] = null };
        (await Http.PatchAsync($"/api/v1/metadata/{key}", Wire.Json(merge))).StatusCode.Should().Be(HttpStatusCode.OK);
        var patch = new JsonObject
        {
            ["content-type"] = "application/json-patch+json",
            ["metadata"] = new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/tags", ["value"] = new JsonArray("a") }, new JsonObject { ["op"] = "remove", ["path"] = "/n" }),
            ["specs"] = null, ["access_blob"] = null,
        };
        var patched = await Wire.ReadJsonAsync(await Http.PatchAsync($"/api/v1/metadata/{key}", Wire.Json(patch)));
        patched["id"]!.GetValue<string>().Should().Be(key);

        var metadata = (await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}")))["data"]!["attributes"]!["metadata"]!;
        JsonNode.DeepEquals(metadata, JsonNode.Parse("{\"color\":\"blue\",\"tags\":[\"a\"]}")).Should().BeTrue(metadata.ToJsonString());

        var replace = new JsonObject { ["metadata"] = new JsonObject { ["only"] = true }, ["specs"] = null, ["access_blob"] = null };
        (await Http.PutAsync($"/api/v1/metadata/{key}", Wire.Json(replace))).EnsureSuccessStatusCode();
        (await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}")))["data"]!["attributes"]!["metadata"]!
            .ToJsonString().Should().Be("{\"only\":true}");
    }

    [Fact]
    public async Task Bad_metadata_patches_are_refused_and_change_nothing()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1);
        var badOp = new JsonObject { ["content-type"] = "application/json-patch+json", ["metadata"] = new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = "/missing" }) };
        var badType = new JsonObject { ["content-type"] = "text/plain", ["metadata"] = new JsonObject() };

        await (await Http.PatchAsync($"/api/v1/metadata/{key}", Wire.Json(badOp))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await Http.PatchAsync($"/api/v1/metadata/{key}", Wire.Json(badType))).ShouldBeProblemAsync(HttpStatusCode.NotAcceptable);
        (await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}")))["data"]!["attributes"]!["metadata"]!
            .ToJsonString().Should().Be("{\"color\":\"red\"}");
    }

    [Fact]
    public async Task Delete_refuses_internal_data_by_default_and_non_empty_containers_without_recursive()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("c");
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.Int64Body("a", 2)))).EnsureSuccessStatusCode();

        await (await Http.DeleteAsync($"/api/v1/metadata/{parent}?recursive=false&external_only=false")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await Http.DeleteAsync($"/api/v1/metadata/{parent}/a?recursive=false&external_only=true")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await Http.GetAsync($"/api/v1/metadata/{parent}/a")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Http.DeleteAsync($"/api/v1/metadata/{parent}?recursive=true&external_only=false")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Http.GetAsync($"/api/v1/metadata/{parent}/a")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Http.GetAsync($"/api/v1/metadata/{parent}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_node_created_after_a_delete_does_not_inherit_the_deleted_nodes_stream()
    {
        if (server.UnavailableReason is not null) { return; }
        var old = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, old, 1, 2);
        (await Http.DeleteAsync($"/api/v1/metadata/{old}?external_only=false")).EnsureSuccessStatusCode();
        var fresh = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(fresh, 2)))).EnsureSuccessStatusCode();

        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Apikey {TiledServerFixture.ApiKey}");
        await socket.ConnectAsync(new Uri($"{server.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/api/v1/stream/single/{fresh}?envelope_format=json&start=0"), default);
        var buffer = new byte[65536];
        var schema = await socket.ReceiveAsync(buffer, default).WaitAsync(TimeSpan.FromSeconds(5));
        schema.MessageType.Should().Be(System.Net.WebSockets.WebSocketMessageType.Text);
        (await Http.PutAsync($"/api/v1/array/full/{fresh}", Wire.Octets(Wire.Int64s(7, 8)))).EnsureSuccessStatusCode();
        var first = await socket.ReceiveAsync(buffer, default).WaitAsync(TimeSpan.FromSeconds(5));

        var message = JsonNode.Parse(buffer.AsSpan(0, first.Count))!;
        message["sequence"]!.GetValue<long>().Should().Be(1);
        message["payload"]!.ToJsonString().Should().Be("[7,8]");
    }

    [Fact]
    public async Task Creating_an_existing_key_is_a_conflict_naming_the_path()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();

        var detail = await (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        detail.Should().Be($"/{key}");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"structure_family\": \"sparse\"}")]
    [InlineData("{\"structure_family\": \"array\", \"data_sources\": [{\"structure_family\": \"array\", \"structure\": {\"shape\": [3]}}]}")]
    [InlineData("{\"structure_family\": \"array\", \"data_sources\": [{\"structure_family\": \"array\", \"bogus\": 1}]}")]
    public async Task Malformed_create_bodies_are_422(string body)
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await Http.PostAsync("/api/v1/metadata/", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a\\b")]
    [InlineData("tab\there")]
    public async Task Unsafe_keys_are_refused(string key)
    {
        if (server.UnavailableReason is not null) { return; }

        await (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_401_but_the_api_key_parameter_works()
    {
        if (server.UnavailableReason is not null) { return; }

        await (await server.Anonymous.GetAsync("/api/v1/metadata/")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metadata/");
        wrong.Headers.TryAddWithoutValidation("Authorization", "Apikey wrong");
        (await (await server.Anonymous.SendAsync(wrong)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid API key");
        await (await server.Anonymous.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody("nope")))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await server.Anonymous.GetAsync($"/api/v1/metadata/?api_key={TiledServerFixture.ApiKey}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Swagger_ui_and_openapi_document_are_served()
    {
        if (server.UnavailableReason is not null) { return; }

        var openapi = await Wire.ReadJsonAsync(await server.Anonymous.GetAsync("/openapi/v1.json"));
        openapi["paths"]!.AsObject().Select(p => p.Key).Should().Contain("/api/v1/array/full/{path}");
        (await server.Anonymous.GetAsync("/docs/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

public sealed class SqliteNodeEndpointTests(SqliteServer server) : NodeEndpointTests<SqliteServer>(server);

public sealed class PostgresNodeEndpointTests(PostgresServer server) : NodeEndpointTests<PostgresServer>(server);
