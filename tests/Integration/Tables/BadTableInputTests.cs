using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>Every refused table write is a 4xx with a readable detail, and the stored rows stay as they were.</summary>
public abstract class BadTableInputTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private static readonly RecordBatch Stored = Rows([1, 2], [0.5, 1.5], ["x", "y"]);
    private static readonly RecordBatch More = Rows([3], [2.5], ["z"]);

    private HttpClient Http => server.Http;

    public static TheoryData<string, string> Routes => new()
    {
        { "PUT", "/api/v1/table/full/{0}" },
        { "PUT", "/api/v1/table/partition/{0}?partition=0" },
        { "PATCH", "/api/v1/table/partition/{0}?partition=0" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_truncated_file_is_a_400_and_changes_nothing(string method, string route) =>
        await RefusedAsync(method, route, Body(FileOf(More)[..^12]), HttpStatusCode.BadRequest, "not a valid Arrow IPC file");

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Corrupt_bytes_are_a_400_and_change_nothing(string method, string route)
    {
        // The footer (which readers go by) overwritten with garbage; its length and the magic stay.
        var bytes = FileOf(More);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 10);
        bytes.AsSpan(bytes.Length - 10 - footerLength, footerLength).Fill(0xAB);
        await RefusedAsync(method, route, Body(bytes), HttpStatusCode.BadRequest, "Arrow");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_stream_labelled_as_a_file_is_a_400_and_changes_nothing(string method, string route) =>
        await RefusedAsync(method, route, Body(ArrowStreamWriter.Write(Schema, [More])), HttpStatusCode.BadRequest, "IPC file");

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_wrong_column_type_is_a_400_naming_the_column(string method, string route)
    {
        var schema = new ArrowSchema([new ArrowField("a", ArrowType.Int32), Schema.Fields[1], Schema.Fields[2]]);
        var bytes = ArrowFileWriter.Write(schema, [new RecordBatch([ArrowColumn.FromInt32([9]), ArrowColumn.FromFloat64([1.0]), ArrowColumn.FromStrings(["q"])])]);
        await RefusedAsync(method, route, Body(bytes), HttpStatusCode.BadRequest, "Column 'a' is int32 in the uploaded data but int64");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_missing_column_is_a_400_naming_it(string method, string route)
    {
        var schema = new ArrowSchema([Schema.Fields[0], Schema.Fields[2]]);
        var bytes = ArrowFileWriter.Write(schema, [new RecordBatch([ArrowColumn.FromInt64([9]), ArrowColumn.FromStrings(["q"])])]);
        await RefusedAsync(method, route, Body(bytes), HttpStatusCode.BadRequest, "missing 'b'");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_wrong_content_type_is_a_415(string method, string route) =>
        await RefusedAsync(method, route, Body(FileOf(More), "application/octet-stream"), HttpStatusCode.UnsupportedMediaType,
            "application/vnd.apache.arrow.file");

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task A_partition_out_of_range_is_a_400(string method) =>
        await RefusedAsync(method, "/api/v1/table/partition/{0}?partition=1", Body(FileOf(More)), HttpStatusCode.BadRequest, "Partition out of range");

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task A_negative_partition_is_a_400(string method) =>
        await RefusedAsync(method, "/api/v1/table/partition/{0}?partition=-2", Body(FileOf(More)), HttpStatusCode.BadRequest, "Partition out of range");

    [Fact]
    public async Task An_append_that_differs_from_a_stored_pandas_partition_is_a_400_and_changes_nothing()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        var pandas = new ArrowSchema([.. Schema.Fields, new ArrowField("__index_level_0__", ArrowType.Int64)]);
        (await Http.PutAsync($"/api/v1/table/full/{key}", Body(ArrowFileWriter.Write(pandas, [new RecordBatch([.. Stored.Columns, ArrowColumn.FromInt64([0, 1])])]))))
            .EnsureSuccessStatusCode();

        var detail = await (await Http.PatchAsync($"/api/v1/table/partition/{key}?partition=0", Body(FileOf(More))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("missing '__index_level_0__'");
        Int64s(await ReadAsync(Http, $"/api/v1/table/full/{key}")).Should().Equal(1, 2);
    }

    [Theory]
    [InlineData("""["a", "b"]""", "must equal the Arrow schema's field names")]
    [InlineData(null, "must not start with '_'")]
    public async Task Creating_a_table_with_a_bad_structure_is_a_422(string? columns, string expected)
    {
        if (server.UnavailableReason is not null) { return; }
        var schema = columns is null ? new ArrowSchema([new ArrowField("_x", ArrowType.Int64)]) : Schema;

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(Wire.NewKey("t"), schema, columns: columns is null ? null : JsonNode.Parse(columns))));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Creating_a_table_without_partitions_is_a_422(int partitions)
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(Wire.NewKey("t"), partitions: partitions)));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).Should().Contain("npartitions");
    }

    [Fact]
    public async Task Creating_a_table_with_an_unsupported_storage_mimetype_is_a_415()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await Http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(Wire.NewKey("t"), mimetype: "application/x-parquet")));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).Should().Contain("application/x-parquet");
    }

    private async Task RefusedAsync(string method, string route, HttpContent body, HttpStatusCode status, string detailPart)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(Stored)))).EnsureSuccessStatusCode();
        var before = await Http.GetByteArrayAsync($"/api/v1/table/full/{key}");

        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, route, key)) { Content = body };
        var detail = await (await Http.SendAsync(request)).ShouldBeProblemAsync(status);

        detail.Should().Contain(detailPart);
        (await Http.GetByteArrayAsync($"/api/v1/table/full/{key}")).Should().Equal(before);
        Int64s(await ReadAsync(Http, $"/api/v1/table/full/{key}")).Should().Equal(1, 2);
    }
}

public sealed class SqliteBadTableInputTests(SqliteServer server) : BadTableInputTests<SqliteServer>(server);

public sealed class PostgresBadTableInputTests(PostgresServer server) : BadTableInputTests<PostgresServer>(server);
