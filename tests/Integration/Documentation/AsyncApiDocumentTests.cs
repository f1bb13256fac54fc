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
        var channel = document["channels"]!["/api/v1/stream/single/{path}"]!;
        var messages = document["components"]!["messages"]!.AsObject();
        var references = channel["subscribe"]!["message"]!["oneOf"]!.AsArray().Select(m => m!["$ref"]!.GetValue<string>())
            .Append(channel["publish"]!["message"]!["$ref"]!.GetValue<string>());
        references.Select(r => r.Replace("#/components/messages/", "", StringComparison.Ordinal))
            .Should().OnlyContain(name => messages.ContainsKey(name));
    }

    [Fact]
    public async Task Every_message_a_subscriber_receives_matches_its_schema()
    {
        if (server.UnavailableReason is not null) { return; }
        var schemas = SchemasByType(await DocumentAsync());
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
        var failures = received
            .Select(message => (message, result: schemas[message["type"]!.GetValue<string>()].Evaluate(
                JsonDocument.Parse(message.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List })))
            .Where(r => !r.result.IsValid)
            .Select(r => $"{r.message["type"]}: {string.Join("; ", (r.result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Value}")))}");

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_missing_a_required_key_does_not_validate()
    {
        if (server.UnavailableReason is not null) { return; }
        var schemas = SchemasByType(await DocumentAsync());
        var withoutOffset = JsonDocument.Parse(
            """{"type":"array-data","sequence":1,"timestamp":"t","mimetype":"application/octet-stream","shape":[1],"block":null,"payload":[1]}""");

        schemas["array-data"].Evaluate(withoutOffset.RootElement).IsValid.Should().BeFalse("offset must be present, even as null");
    }

    private async Task<JsonObject> DocumentAsync() => await Wire.ReadJsonAsync(await server.Anonymous.GetAsync(AsyncApiDocument.Path));

    private static Dictionary<string, JsonSchema> SchemasByType(JsonObject document) =>
        document["components"]!["messages"]!.AsObject()
            .Select(m => m.Value!["payload"]!)
            .ToDictionary(p => p["properties"]!["type"]!["const"]!.GetValue<string>(), p => JsonSchema.FromText(p.ToJsonString()));

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
