using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Streaming;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Tables;

/// <summary>Tables through the .NET client: write_table, appendable tables, reads, partitions and subscriptions.</summary>
public abstract class TableClientTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static TableFrame Frame(long[] x, string?[] label) =>
        TableFrame.Empty.With("x", x.Select(v => (long?)v).ToArray()).With("label", label);

    [Fact]
    public async Task Write_table_then_read_it_back_whole_by_partition_and_by_columns()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey("t");

        var table = await client.WriteTableAsync(Frame([1, 2, 3], ["a", null, "c"]), key, new JsonObject { ["color"] = "red" });

        table.Columns.Should().Equal("x", "label");
        table.NPartitions.Should().Be(1);
        table.ToString().Should().Be("<TableClient ['x', 'label']>");
        var fresh = (TableClient)await client.GetAsync(key);
        fresh.Metadata["color"]!.GetValue<string>().Should().Be("red");
        fresh.Schema.Should().Be(Frame([], []).Schema);
        var all = await fresh.ReadAsync();
        all.Values("x").Should().Equal(1L, 2L, 3L);
        all.Values("label").Should().Equal(new object?[] { "a", null, "c" });
        (await fresh.ReadPartitionAsync(0)).RowCount.Should().Be(3);
        var labels = await fresh.ReadAsync(["label"]);
        labels.ColumnNames.Should().Equal("label");
    }

    [Fact]
    public async Task Write_replaces_and_write_partition_replaces_one_partition()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var table = await client.WriteTableAsync(Frame([1, 2], ["a", "b"]), Wire.NewKey("t"));

        await table.WriteAsync(Frame([7], ["z"]));
        (await table.ReadAsync()).Values("x").Should().Equal(7L);
        await table.WritePartitionAsync(0, Frame([8, 9], ["y", "w"]));
        (await table.ReadAsync()).Values("x").Should().Equal(8L, 9L);
    }

    [Fact]
    public async Task An_appendable_table_grows_by_appends_to_each_partition()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey("t");

        var table = await client.CreateAppendableTableAsync(Frame([], []).Schema, key, npartitions: 2);
        (await table.ReadAsync()).RowCount.Should().Be(0);
        await table.AppendPartitionAsync(0, Frame([1, 2], ["a", "b"]));
        await table.AppendPartitionAsync(1, Frame([10], ["k"]));
        await table.AppendPartitionAsync(0, Frame([3], [null]));

        table.NPartitions.Should().Be(2);
        (await table.ReadPartitionAsync(0)).Values("x").Should().Equal(1L, 2L, 3L);
        (await table.ReadPartitionAsync(1, ["label"])).Values("label").Should().Equal("k");
        (await table.ReadAsync()).Values("x").Should().Equal(1L, 2L, 3L, 10L);
        var sources = await server.Http.GetStringAsync($"/api/v1/metadata/{key}?include_data_sources=true");
        sources.Should().Contain("\"mimetype\":\"application/x-tiled-sql-table\"");
    }

    [Fact]
    public async Task Refused_writes_raise_tiled_exceptions_with_the_detail()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var table = await client.CreateAppendableTableAsync(Frame([], []).Schema, Wire.NewKey("t"));

        var wrongType = TableFrame.Empty.With("x", new double?[] { 1.5 }).With("label", new[] { "a" });
        var mismatch = await FluentActions.Awaiting(() => table.AppendPartitionAsync(0, wrongType)).Should().ThrowAsync<TiledException>();
        var outOfRange = await FluentActions.Awaiting(() => table.AppendPartitionAsync(1, Frame([1], ["a"]))).Should().ThrowAsync<TiledException>();
        var unknown = await FluentActions.Awaiting(() => table.ReadAsync(["nope"])).Should().ThrowAsync<TiledException>();

        mismatch.Which.StatusCode.Should().Be(400);
        mismatch.Which.Detail.Should().Be("Column 'x' is double in the uploaded data but int64 in the table's schema.");
        outOfRange.Which.Detail.Should().Be("Partition out of range");
        unknown.Which.Detail.Should().Be("No such field nope.");
        (await table.ReadAsync()).RowCount.Should().Be(0);
    }

    [Fact]
    public async Task A_long_column_list_is_sent_as_a_post_body()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var names = Enumerable.Range(0, 60).Select(i => $"column_with_a_rather_long_name_{i:D2}").ToArray();
        var frame = names.Aggregate(TableFrame.Empty, (f, name) => f.With(name, new long?[] { names.Length - Array.IndexOf(names, name) }));
        var table = await client.WriteTableAsync(frame, Wire.NewKey("t"));
        var wanted = names.Reverse().ToArray();

        var read = await table.ReadAsync(wanted);

        read.ColumnNames.Should().Equal(wanted);
        read.Values(wanted[0]).Should().Equal(1L);
    }

    [Fact]
    public async Task A_table_subscription_receives_each_write_with_its_rows()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var table = await client.CreateAppendableTableAsync(Frame([], []).Schema, Wire.NewKey("t"));
        var received = new BlockingCollection<TableDataReceived>();
        await using var subscription = table.Subscribe();
        subscription.NewData += update =>
        {
            received.Add(update);
            return Task.CompletedTask;
        };
        await subscription.StartAsync(start: 0);

        await table.AppendPartitionAsync(0, Frame([1, 2], ["a", "b"]));
        await table.AppendPartitionAsync(0, Frame([3], [null]));
        await table.WriteAsync(Frame([9], ["z"]));

        var updates = Take(received, 3);
        subscription.Schema.Should().Be(Frame([], []).Schema);
        updates.Select(u => u.Sequence).Should().Equal(1, 2, 3);
        updates.Select(u => (u.Partition, u.Append)).Should().Equal((0, true), (0, true), (null, false));
        updates[0].Data.Values("x").Should().Equal(1L, 2L);
        updates[1].Data.Values("label").Should().Equal(new object?[] { null });
        updates[2].Data.Values("x").Should().Equal(9L);
    }

    private static List<TableDataReceived> Take(BlockingCollection<TableDataReceived> received, int count)
    {
        var list = new List<TableDataReceived>();
        using var timeout = new CancellationTokenSource(Deadline);
        while (list.Count < count)
        {
            list.Add(received.Take(timeout.Token));
        }

        return list;
    }
}

public sealed class SqliteTableClientTests(SqliteServer server) : TableClientTests<SqliteServer>(server);

public sealed class PostgresTableClientTests(PostgresServer server) : TableClientTests<PostgresServer>(server);
