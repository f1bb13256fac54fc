using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>
/// Table writes on the WebSocket (protocol §9.5, §9.8): <c>table-schema</c> first, then one
/// <c>table-data</c> per stored write with the request body as payload; refused writes stream nothing.
/// </summary>
public abstract class TableStreamingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task A_msgpack_subscriber_sees_the_schema_then_each_append_with_its_rows_and_nothing_for_refused_writes()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, mimetype: SqlTable);
        using var socket = await TableSocket.ConnectAsync(server, key, "msgpack", start: 0);
        var first = FileOf(Rows([1, 2], [0.5, 1.5], ["a", "b"]));
        var second = ArrowStreamWriter.Write(Schema, [Rows([3], [2.5], [null])]);

        var schema = await socket.ReceiveMsgpackAsync();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(first))).EnsureSuccessStatusCode();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(first[..^5]))).IsSuccessStatusCode.Should().BeFalse();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=1", Body(first))).IsSuccessStatusCode.Should().BeFalse();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(first, "text/csv"))).IsSuccessStatusCode.Should().BeFalse();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(second, ArrowStream))).EnsureSuccessStatusCode();
        (await Http.PutAsync($"/api/v1/table/full//{key}", Body(first))).EnsureSuccessStatusCode();
        var updates = new[] { await socket.ReceiveMsgpackAsync(), await socket.ReceiveMsgpackAsync(), await socket.ReceiveMsgpackAsync() };

        schema["type"].Should().Be("table-schema");
        schema["version"].Should().Be(1L);
        schema["arrow_schema"].Should().Be(ArrowSchemaMessage.ToDataUri(Schema));
        updates.Select(u => u["type"]).Should().AllBeEquivalentTo("table-data");
        updates.Select(u => u["sequence"]).Should().Equal(1L, 2L, 3L);
        updates.Select(u => u["mimetype"]).Should().Equal(ArrowFile, ArrowStream, ArrowFile);
        updates.Select(u => u["partition"]).Should().Equal(0L, 0L, null);
        updates.Select(u => u["append"]).Should().Equal(true, true, false);
        updates.Should().OnlyContain(u => u.ContainsKey("timestamp") && !u.ContainsKey("arrow_schema"));
        ((byte[])updates[0]["payload"]!).Should().Equal(first);
        ((byte[])updates[1]["payload"]!).Should().Equal(second);
        Int64s(ArrowFileReader.Read((byte[])updates[0]["payload"]!)).Should().Equal(1, 2);
        Int64s(ArrowStreamReader.Read((byte[])updates[1]["payload"]!)).Should().Equal(3);
    }

    [Fact]
    public async Task The_json_envelope_carries_table_data_as_column_lists()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        using var socket = await TableSocket.ConnectAsync(server, key, "json", start: 1);

        var schema = await socket.ReceiveJsonAsync();
        (await Http.PutAsync($"/api/v1/table/partition/{key}?partition=0", Body(FileOf(Rows([1, 2], [0.5, double.NaN], ["a", null]))))).EnsureSuccessStatusCode();
        var update = await socket.ReceiveJsonAsync();

        schema["type"]!.GetValue<string>().Should().Be("table-schema");
        update["type"]!.GetValue<string>().Should().Be("table-data");
        update["sequence"]!.GetValue<long>().Should().Be(1);
        update["partition"]!.GetValue<int>().Should().Be(0);
        update["append"]!.GetValue<bool>().Should().BeFalse();
        update["mimetype"]!.GetValue<string>().Should().Be(ArrowFile);
        update["content-type"]!.GetValue<string>().Should().Be("application/json");
        update["payload"]!.ToJsonString().Should().Be("""{"a":[1,2],"b":[0.5,null],"c":["a",null]}""");
    }
}

public sealed class SqliteTableStreamingTests(SqliteServer server) : TableStreamingTests<SqliteServer>(server);

public sealed class PostgresTableStreamingTests(PostgresServer server) : TableStreamingTests<PostgresServer>(server);
