using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Json.Schema;
using Tiled.Api.OpenApi;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Tiled.IntegrationTests.Tables;
using Xunit;

namespace Tiled.IntegrationTests.Documentation;

/// <summary>
/// The AsyncAPI document describes what the stream really sends: messages captured from real
/// subscriptions (array, table and container streams, JSON envelope) each validate against the
/// payload schema of the message of their type, checked by an independent JSON Schema validator.
/// </summary>
public sealed class AsyncApiDocumentTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task The_document_names_the_stream_channel_and_every_reference_resolves()
    {
        if (server.UnavailableReason is not null) { return; }
        var document = await DocumentAsync();

        document["asyncapi"]!.GetValue<string>().Should().Be("2.6.0");
        var messages = document["components"]!["messages"]!.AsObject();
        foreach (var name in new[] { "/api/v1/stream/single/{path}", "/api/v1/stream/multi" })
        {
            var channel = document["channels"]![name]!;
            var references = References(channel["subscribe"]!).Concat(References(channel["publish"]!));
            references.Select(r => r.Replace("#/components/messages/", "", StringComparison.Ordinal))
                .Should().OnlyContain(message => messages.ContainsKey(message), name);
        }
    }

    [Fact]
    public async Task Every_message_a_subscriber_receives_matches_its_schema()
    {
        if (server.UnavailableReason is not null) { return; }
        var schemas = SchemasByType(await DocumentAsync(), "/api/v1/stream/single/{path}");
        var received = new List<JsonObject>();

        var array = Wire.NewKey("a");
        await Wire.CreateInt64ArrayAsync(server.Http, array, 1, 2, 3);
        (await server.Http.PatchAsync($"/api/v1/array/full/{array}?offset=1&shape=2", Wire.Octets(Wire.Int64s(8, 9)))).EnsureSuccessStatusCode();
        received.AddRange(await ReplayAsync(array, 2));

        var table = Wire.NewKey("t");
        await TableWire.CreateAsync(server.Http, table);
        (await server.Http.PutAsync($"/api/v1/table/full/{table}",
            TableWire.Body(TableWire.FileOf(TableWire.Rows([1, 2], [0.5, null], ["x", null]))))).EnsureSuccessStatusCode();
        received.AddRange(await ReplayAsync(table, 1));

        var container = Wire.NewKey("c");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(container)))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/api/v1/metadata/{container}", Wire.Json(Wire.Int64Body("child", 2)))).EnsureSuccessStatusCode();
        (await server.Http.PutAsync($"/api/v1/metadata/{container}/child",
            Wire.Json(new JsonObject { ["metadata"] = new JsonObject { ["color"] = "red" } }))).EnsureSuccessStatusCode();
        received.AddRange(await ReplayAsync(container, 2));

        received.Select(m => m["type"]!.GetValue<string>()).Should().BeEquivalentTo(
            ["array-schema", "array-data", "array-data", "table-schema", "table-data",
             "container-schema", "container-child-created", "container-child-metadata-updated"]);
        Invalid(received, schemas).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_message_of_a_multiplexed_session_matches_its_schema_and_next_carries_a_valid_stream_message()
    {
        if (server.UnavailableReason is not null) { return; }
        var document = await DocumentAsync();
        var multi = SchemasByType(document, "/api/v1/stream/multi");
        var single = SchemasByType(document, "/api/v1/stream/single/{path}");
        var x = Wire.NewKey("m");
        await Wire.CreateInt64ArrayAsync(server.Http, x, 1, 2);
        using var socket = new Streaming.Support.MultiSocket(await WebSocketClient.ConnectMultiAsync(server.BaseUrl));
        var received = new List<JsonObject> { await socket.ReceiveAsync() };
        await socket.SendAsync($$"""{"type":"subscribe","id":"a","path":"{{x}}","start":0}""");
        await socket.SendAsync("""{"type":"subscribe","id":"b","path":"nope"}""");
        received.AddRange(await socket.ReceiveUntilAsync(m => m["metadata"]?["type"]?.GetValue<string>() == "array-data"));
        (await server.Http.PatchAsync($"/api/v1/metadata/{x}",
            Wire.Json(new JsonObject { ["content-type"] = "application/merge-patch+json", ["metadata"] = new JsonObject { ["k"] = 1 } }))).EnsureSuccessStatusCode();
        (await server.Http.DeleteAsync($"/api/v1/stream/close/{x}")).EnsureSuccessStatusCode();
        received.AddRange(await socket.ReceiveUntilAsync(m => m["type"]!.GetValue<string>() == "complete"));
        await socket.SendAsync("""{"type":"ping","payload":"p"}""");
        received.Add(await socket.ReceiveAsync());

        received.Select(m => m["type"]!.GetValue<string>()).Distinct().Should().BeEquivalentTo(["connection_ack", "subscribe_ack", "next", "error", "complete", "pong"]);
        var inner = received.Where(m => m["type"]!.GetValue<string>() == "next").Select(m => m["metadata"]!.AsObject()).ToList();
        inner.Select(m => m["type"]!.GetValue<string>()).Should().Equal("array-schema", "array-data", "metadata-updated");
        Invalid(received, multi).Concat(Invalid(inner, single)).Should().BeEmpty();
    }


    [Fact]
    public async Task A_message_missing_a_required_key_does_not_validate()
    {
        if (server.UnavailableReason is not null) { return; }
        var schemas = SchemasByType(await DocumentAsync(), "/api/v1/stream/single/{path}");
        var withoutOffset = JsonDocument.Parse(
            """{"type":"array-data","sequence":1,"timestamp":"t","mimetype":"application/octet-stream","shape":[1],"block":null,"payload":[1]}""");

        schemas["array-data"].Evaluate(withoutOffset.RootElement).IsValid.Should().BeFalse("offset must be present, even as null");
    }

    private async Task<JsonObject> DocumentAsync() => await Wire.ReadJsonAsync(await server.Anonymous.GetAsync(AsyncApiDocument.Path));

    /// <summary>The payload schemas of the messages the server sends on <paramref name="channel"/>, by their <c>type</c>.</summary>
    private static Dictionary<string, JsonSchema> SchemasByType(JsonObject document, string channel) =>
        References(document["channels"]![channel]!["subscribe"]!)
            .Select(r => document["components"]!["messages"]![r.Replace("#/components/messages/", "", StringComparison.Ordinal)]!["payload"]!)
            .ToDictionary(p => p["properties"]!["type"]!["const"]!.GetValue<string>(), p => JsonSchema.FromText(p.ToJsonString()));

    private static IEnumerable<string> References(JsonNode operation) =>
        operation["message"]!["oneOf"] is JsonArray choices
            ? choices.Select(m => m!["$ref"]!.GetValue<string>())
            : [operation["message"]!["$ref"]!.GetValue<string>()];

    /// <summary>What does not validate against the schema of its type, with the validator's errors.</summary>
    private static IEnumerable<string> Invalid(IEnumerable<JsonObject> messages, Dictionary<string, JsonSchema> schemas) =>
        messages
            .Select(message => (message, result: schemas[message["type"]!.GetValue<string>()].Evaluate(
                JsonDocument.Parse(message.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List })))
            .Where(r => !r.result.IsValid)
            .Select(r => $"{r.message["type"]}: {string.Join("; ", (r.result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}")))}");

    /// <summary>The schema message and the first <paramref name="updates"/> updates of <paramref name="key"/>, replayed.</summary>
    private async Task<List<JsonObject>> ReplayAsync(string key, int updates)
    {
        using var socket = await WebSocketClient.ConnectAsync(server, $"{key}?envelope_format=json&start=0");
        var messages = new List<JsonObject>();
        while (messages.Count < updates + 1)
        {
            var (type, data) = await WebSocketClient.ReceiveAsync(socket);
            type.Should().Be(WebSocketMessageType.Text);
            messages.Add(JsonNode.Parse(Encoding.UTF8.GetString(data))!.AsObject());
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return messages;
    }
}
