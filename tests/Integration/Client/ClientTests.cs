using System.Numerics;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Client;
using Tiled.Formats.DataTypes;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Client;

/// <summary>The .NET client against the real server: the foundation flow and every array operation.</summary>
public abstract class ClientTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    [Fact]
    public async Task Connect_write_array_patch_with_extend_and_read_back()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();

        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key);
        x.ToString().Should().Be("<ArrayClient shape=(3,) chunks=((3,)) dtype=int64>");
        await x.PatchAsync(NdArray.From(4L, 5L, 6L), offset: [3], extend: true);

        x.Shape.Should().Equal(6);
        x.Chunks.Should().BeEquivalentTo(new[] { new long[] { 3, 3 } });
        (await x.ReadAsync<long>()).Values.Should().Equal(1, 2, 3, 4, 5, 6);
        var fresh = (ArrayClient)await client.GetAsync(key);
        (await fresh.ReadAsync<long>()).Values.Should().Equal(1, 2, 3, 4, 5, 6);
        (await fresh.ReadAsync<long>("1:4")).Values.Should().Equal(2, 3, 4);
    }

    [Fact]
    public async Task Multi_chunk_arrays_are_read_and_written_by_block()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();

        var a = await client.CreateArrayAsync(Wire.NewKey(), DataType.Float32, [4, 3], [[2, 2], [3]]);
        await a.WriteBlockAsync(NdArray.Create([1f, 2, 3, 4, 5, 6], 2, 3), [1, 0]);

        (await a.ReadBlockAsync<float>([1, 0])).Values.Should().Equal(1, 2, 3, 4, 5, 6);
        (await a.ReadBlockAsync<float>([0, 0])).Values.Should().OnlyContain(v => v == 0);
        var whole = await a.ReadAsync<float>();
        whole.Shape.Should().Equal(4, 3);
        whole[3, 2].Should().Be(6);
    }

    [Fact]
    public async Task Complex_and_bool_arrays_round_trip()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();

        var c = await client.WriteArrayAsync(NdArray.From(new Complex(1, -1), new Complex(0.5, 2)), Wire.NewKey());
        var b = await client.WriteArrayAsync(NdArray.From(true, false, true), Wire.NewKey());

        (await c.ReadAsync<Complex>()).Values.Should().Equal(new Complex(1, -1), new Complex(0.5, 2));
        (await b.ReadAsync<bool>()).Values.Should().Equal(true, false, true);
        c.ToString().Should().Contain("dtype=complex128");
    }

    [Fact]
    public async Task Containers_are_navigated_listed_and_paged()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var folder = await client.CreateContainerAsync(Wire.NewKey("c"), new JsonObject { ["beamline"] = "x" });
        for (var i = 0; i < 120; i++)
        {
            await folder.CreateContainerAsync($"run{i:D3}");
        }

        (await folder.CountAsync()).Should().Be(120);
        var keys = new List<string>();
        await foreach (var key in folder.KeysAsync())
        {
            keys.Add(key);
        }

        keys.Should().HaveCount(120).And.StartWith("run000").And.EndWith("run119");
        (await folder.ListAsync(offset: 100, limit: 5)).Select(n => n.Key).Should().Equal("run100", "run101", "run102", "run103", "run104");
        var reopened = (ContainerClient)await client.GetAsync(folder.Key);
        reopened.Metadata["beamline"]!.GetValue<string>().Should().Be("x");
        await FluentActions.Awaiting(() => client.GetAsync("missing-" + Guid.NewGuid())).Should().ThrowAsync<KeyNotFoundException>();
    }

    [Fact]
    public async Task Metadata_is_updated_and_nodes_deleted()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var key = Wire.NewKey();
        var x = await client.WriteArrayAsync(NdArray.From(1, 2), key, new JsonObject { ["color"] = "red" });

        var metadata = await x.UpdateMetadataAsync(new JsonObject { ["color"] = "blue" });
        metadata["color"]!.GetValue<string>().Should().Be("blue");
        ((await client.GetAsync(key)).Metadata["color"]!.GetValue<string>()).Should().Be("blue");

        await x.DeleteAsync();
        await FluentActions.Awaiting(() => client.GetAsync(key)).Should().ThrowAsync<KeyNotFoundException>();
    }

    [Fact]
    public async Task Server_errors_surface_as_tiled_exceptions_with_the_detail()
    {
        if (server.UnavailableReason is not null) { return; }
        var client = await server.ConnectAsync();
        var x = await client.WriteArrayAsync(NdArray.From(1L, 2L, 3L), Wire.NewKey());

        var error = await FluentActions.Awaiting(() => x.PatchAsync(NdArray.From(9L), offset: [5])).Should().ThrowAsync<TiledException>();

        error.Which.StatusCode.Should().Be(409);
        error.Which.Detail.Should().EndWith("Use ?extend=true to extend the array dimensions to fit.");
        (await x.ReadAsync<long>()).Values.Should().Equal(1, 2, 3);
    }
}

public sealed class SqliteClientTests(SqliteServer server) : ClientTests<SqliteServer>(server);

public sealed class PostgresClientTests(PostgresServer server) : ClientTests<PostgresServer>(server);
