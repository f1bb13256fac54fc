using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Arrays;

/// <summary>Array endpoints over plain HTTP, exactly as the Python client calls them (protocol §6, §14).</summary>
public abstract class ArrayEndpointTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    [Fact]
    public async Task Write_array_then_patch_with_extend_reads_back_one_to_six()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);

        var patched = await Http.PatchAsync($"/api/v1/array/full//{key}?offset=3&shape=3&extend=true", Wire.Octets(Wire.Int64s(4, 5, 6)));

        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        var structure = await Wire.ReadJsonAsync(patched);
        structure["shape"]!.ToJsonString().Should().Be("[6]");
        structure["chunks"]!.ToJsonString().Should().Be("[[3,3]]");
        var read = await Http.GetByteArrayAsync($"/api/v1/array/full/{key}?expected_shape=6");
        Wire.ToInt64s(read).Should().Equal(1, 2, 3, 4, 5, 6);
    }

    [Theory]
    [InlineData("data.csv", "attachment; filename=\"data.csv\"")]
    [InlineData("a \"b\"\\c.csv", "attachment; filename=\"a \\\"b\\\"\\\\c.csv\"")]
    [InlineData("\u00fc\r\n.arrow", "attachment; filename=\"___.arrow\"; filename*=UTF-8''%C3%BC%0D%0A.arrow")]
    public async Task A_filename_of_any_characters_names_the_attachment_in_a_valid_header(string filename, string expected)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);

        var response = await Http.GetAsync($"/api/v1/array/full/{key}?format=application/json&filename={Uri.EscapeDataString(filename)}");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.GetValues("Content-Disposition").Should().Equal(expected);
    }

    [Fact]
    public async Task Node_document_reports_the_grown_structure_and_links()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);
        await Http.PatchAsync($"/api/v1/array/full/{key}?offset=3&shape=4&extend=true", Wire.Octets(Wire.Int64s(4, 5, 6, 7)));

        var document = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}"));

        var data = document["data"]!;
        data["id"]!.GetValue<string>().Should().Be(key);
        data["attributes"]!["structure"]!["shape"]!.ToJsonString().Should().Be("[7]");
        data["attributes"]!["structure"]!["chunks"]!.ToJsonString().Should().Be("[[3,3,1]]");
        data["attributes"]!["metadata"]!["color"]!.GetValue<string>().Should().Be("red");
        data["links"]!["block"]!.GetValue<string>().Should().EndWith($"/api/v1/array/block/{key}?block={{0}}");
    }

    [Fact]
    public async Task Two_dimensional_array_is_written_by_blocks_and_read_by_block_and_slice()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        // int32, shape (4, 5), chunks ((2, 2), (3, 2)): four blocks of shapes 2x3, 2x2, 2x3, 2x2.
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "i", 4, [4, 5], [[2, 2], [3, 2]])))).EnsureSuccessStatusCode();
        int[] Values(long r0, long c0, long rows, long cols) =>
            [.. from r in Enumerable.Range(0, (int)rows) from c in Enumerable.Range(0, (int)cols) select (int)(((r0 + r) * 10) + c0 + c)];
        foreach (var (bi, bj) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            var block = Values(bi * 2, bj * 3, 2, bj == 0 ? 3 : 2).SelectMany(BitConverter.GetBytes).ToArray();
            (await Http.PutAsync($"/api/v1/array/block/{key}?block={bi},{bj}", Wire.Octets(block))).EnsureSuccessStatusCode();
        }

        var whole = await Http.GetByteArrayAsync($"/api/v1/array/full/{key}");
        Ints(whole).Should().Equal(Values(0, 0, 4, 5));
        var block11 = await Http.GetByteArrayAsync($"/api/v1/array/block/{key}?block=1,1");
        Ints(block11).Should().Equal(23, 24, 33, 34);
        var sliced = await Http.GetByteArrayAsync($"/api/v1/array/full/{key}?slice=1:4:2,::-2&expected_shape=2,3");
        Ints(sliced).Should().Equal(14, 12, 10, 34, 32, 30);
        var column = await Http.GetByteArrayAsync($"/api/v1/array/full/{key}?slice=:,-1");
        Ints(column).Should().Equal(4, 14, 24, 34);
    }

    [Fact]
    public async Task Json_and_csv_representations_carry_the_same_values()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "f", 8, [2, 2], [[2], [2]])))).EnsureSuccessStatusCode();
        var values = new[] { 1.5, -2.0, 0.25, 3.0 }.SelectMany(BitConverter.GetBytes).ToArray();
        (await Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(values))).EnsureSuccessStatusCode();

        var json = await Http.GetStringAsync($"/api/v1/array/full/{key}?format=json");
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/array/full/{key}");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await Http.SendAsync(csvRequest)).Content.ReadAsStringAsync();

        var rows = JsonNode.Parse(json)!.AsArray();
        rows.Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).Should().BeEquivalentTo(
            new[] { new[] { 1.5, -2.0 }, new[] { 0.25, 3.0 } }, o => o.WithStrictOrdering());
        csv.Should().Be("1.5,-2.0\n0.25,3.0\n");
    }

    [Fact]
    public async Task Big_endian_arrays_are_served_in_their_declared_byte_order()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        (await Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "i", 4, [3], [[2, 1]], "big")))).EnsureSuccessStatusCode();
        byte[] bigEndian = [0, 0, 0, 1, 0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE];
        (await Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(bigEndian))).EnsureSuccessStatusCode();

        (await Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(bigEndian);
        (await Http.GetStringAsync($"/api/v1/array/full/{key}?format=json")).Should().Be("[1,256,-2]");
    }

    [Fact]
    public async Task Persist_false_leaves_stored_data_unchanged()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);

        (await Http.PutAsync($"/api/v1/array/full//{key}?persist=false", Wire.Octets(Wire.Int64s(7, 8, 9)))).EnsureSuccessStatusCode();
        (await Http.PatchAsync($"/api/v1/array/full//{key}?offset=0&shape=1&persist=false", Wire.Octets(Wire.Int64s(11)))).EnsureSuccessStatusCode();

        Wire.ToInt64s(await Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(1, 2, 3);
    }

    private static int[] Ints(byte[] bytes) => Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, i * 4)).ToArray();
}

public sealed class SqliteArrayEndpointTests(SqliteServer server) : ArrayEndpointTests<SqliteServer>(server);

public sealed class PostgresArrayEndpointTests(PostgresServer server) : ArrayEndpointTests<PostgresServer>(server);
