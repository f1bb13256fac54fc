using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>Table endpoints over plain HTTP, as the Python client calls them (protocol §5.1, §7, §14).</summary>
public abstract class TableEndpointTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    private static readonly RecordBatch First = Rows([1, 2], [0.5, null], ["x", "y"]);
    private static readonly RecordBatch Second = Rows([3], [double.NaN], [null]);

    [Fact]
    public async Task Write_dataframe_sequence_creates_with_the_default_mimetype_then_put_full_reads_back()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");

        var created = await Http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(key)));
        created.StatusCode.Should().Be(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        var answer = await Wire.ReadJsonAsync(created);
        var written = await Http.PutAsync((string)answer["links"]!["full"]!, Body(FileOf(First, Second)));

        written.StatusCode.Should().Be(HttpStatusCode.OK);
        (await written.Content.ReadAsStringAsync()).Should().Be("null");
        answer["links"]!["partition"]!.GetValue<string>().Should().EndWith($"/api/v1/table/partition/{key}?partition={{index}}");
        var source = answer["data_sources"]![0]!;
        source["mimetype"]!.GetValue<string>().Should().Be(ArrowFile);
        source["assets"]![0]!["data_uri"]!.GetValue<string>().Should().StartWith("file://localhost/");
        var read = await ReadAsync(Http, $"/api/v1/table/full/{key}");
        read.Schema.Should().Be(Schema);
        Int64s(read).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_non_ASCII_filename_names_the_attachment_in_a_valid_header()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(First)))).EnsureSuccessStatusCode();

        var response = await Http.PostAsync($"/api/v1/table/full/{key}?filename=%C3%BC.arrow", Wire.Json(new JsonArray("a")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.GetValues("Content-Disposition").Should().Equal("attachment; filename=\"_.arrow\"; filename*=UTF-8''%C3%BC.arrow");
    }

    [Fact]
    public async Task The_node_document_carries_the_table_structure_and_links()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, partitions: 3);

        var document = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}"));

        var data = document["data"]!;
        data["attributes"]!["structure_family"]!.GetValue<string>().Should().Be("table");
        var structure = data["attributes"]!["structure"]!;
        structure["arrow_schema"]!.GetValue<string>().Should().Be(ArrowSchemaMessage.ToDataUri(Schema));
        structure["npartitions"]!.GetValue<int>().Should().Be(3);
        structure["columns"]!.ToJsonString().Should().Be("""["a","b","c"]""");
        structure["resizable"]!.GetValue<bool>().Should().BeFalse();
        data["links"]!["full"]!.GetValue<string>().Should().EndWith($"/api/v1/table/full/{key}");
        data["links"]!["partition"]!.GetValue<string>().Should().EndWith($"/api/v1/table/partition/{key}?partition={{index}}");
    }

    [Theory]
    [InlineData(null, null, ArrowFile)]
    [InlineData(null, "*/*", ArrowFile)]
    [InlineData("arrow", null, ArrowFile)]
    [InlineData("feather", "text/csv", ArrowFile)]
    [InlineData(null, ArrowStream, ArrowStream)]
    [InlineData(ArrowStream, null, ArrowStream)]
    [InlineData("csv", null, "text/csv")]
    [InlineData(null, "text/csv", "text/csv")]
    [InlineData("json", null, "application/json")]
    [InlineData(null, "application/json", "application/json")]
    public async Task Every_format_carries_the_same_rows(string? format, string? accept, string expected)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        (await Http.PutAsync($"/api/v1/table/full//{key}", Body(FileOf(First, Second)))).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/table/full/{key}" + (format is null ? "" : $"?format={Uri.EscapeDataString(format)}"));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected);
        switch (expected)
        {
            case ArrowFile:
                Int64s(ArrowFileReader.Read(bytes)).Should().Equal(1, 2, 3);
                break;
            case ArrowStream:
                Int64s(ArrowStreamReader.Read(bytes)).Should().Equal(1, 2, 3);
                break;
            case "text/csv":
                Encoding.UTF8.GetString(bytes).Should().Be("a,b,c\n1,0.5,x\n2,,y\n3,,\n");
                break;
            default:
                Encoding.UTF8.GetString(bytes).Should().Be("""{"a":[1,2,3],"b":[0.5,null,null],"c":["x","y",null]}""");
                break;
        }
    }

    [Fact]
    public async Task An_unknown_format_is_not_acceptable()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);

        var detail = await (await Http.GetAsync($"/api/v1/table/full/{key}?format=xlsx")).ShouldBeProblemAsync(HttpStatusCode.NotAcceptable);

        detail.Should().Contain("xlsx");
    }

    [Fact]
    public async Task Columns_are_selected_in_the_order_asked_by_column_field_or_a_post_body()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(First)))).EnsureSuccessStatusCode();

        var byColumn = await Http.GetStringAsync($"/api/v1/table/full/{key}?format=json&column=c&column=a");
        var byField = await Http.GetStringAsync($"/api/v1/table/partition/{key}?partition=0&format=json&field=b");
        var byBody = await Http.PostAsync($"/api/v1/table/full/{key}?format=json", Wire.Json(new JsonArray("a", "c")));
        var arrow = await ReadAsync(Http, $"/api/v1/table/partition/{key}?partition=0&column=b");

        byColumn.Should().Be("""{"c":["x","y"],"a":[1,2]}""");
        byField.Should().Be("""{"b":[0.5,null]}""");
        (await byBody.Content.ReadAsStringAsync()).Should().Be("""{"a":[1,2],"c":["x","y"]}""");
        arrow.Schema.Fields.Select(f => f.Name).Should().Equal("b");
    }

    [Fact]
    public async Task Column_and_field_together_unknown_columns_and_bad_partitions_are_400s()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, partitions: 2);

        await (await Http.GetAsync($"/api/v1/table/full/{key}?column=a&field=b")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await (await Http.GetAsync($"/api/v1/table/full/{key}?column=zz")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Should().Be("No such field zz.");
        (await (await Http.PostAsync($"/api/v1/table/partition/{key}?partition=1", Wire.Json(new JsonArray("a", "nope"))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Be("No such field nope.");
        (await (await Http.GetAsync($"/api/v1/table/partition/{key}?partition=2")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Should().Be("Partition out of range");
        (await (await Http.GetAsync($"/api/v1/table/partition/{key}?partition=-1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Should().Be("Partition out of range");
        await (await Http.GetAsync($"/api/v1/table/partition/{key}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await Http.GetAsync($"/api/v1/table/partition/{key}?partition=x")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Partitions_are_written_and_read_one_by_one_and_concatenated_in_full()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, partitions: 3);

        (await Http.PutAsync($"/api/v1/table/partition//{key}?partition=2", Body(FileOf(Second)))).EnsureSuccessStatusCode();
        (await Http.PutAsync($"/api/v1/table/partition//{key}?partition=0", Body(FileOf(First)))).EnsureSuccessStatusCode();

        Int64s(await ReadAsync(Http, $"/api/v1/table/partition/{key}?partition=0")).Should().Equal(1, 2);
        var never = await ReadAsync(Http, $"/api/v1/table/partition/{key}?partition=1");
        never.Schema.Should().Be(Schema);
        never.RowCount.Should().Be(0);
        Int64s(await ReadAsync(Http, $"/api/v1/table/partition/{key}?partition=2")).Should().Equal(3);
        Int64s(await ReadAsync(Http, $"/api/v1/table/full/{key}")).Should().Equal(1, 2, 3);
        (await Http.GetStringAsync($"/api/v1/table/full/{key}?format=csv")).Should().Be("a,b,c\n1,0.5,x\n2,,y\n3,,\n");
    }

    [Fact]
    public async Task Put_full_on_a_table_of_several_partitions_is_refused_with_advice()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, partitions: 2);

        var detail = await (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(First)))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        detail.Should().Contain("2 partitions").And.Contain("partition=");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SqlTable)]
    [InlineData(ArrowFile)]
    public async Task Put_and_patch_both_work_whatever_the_table_mimetype(string? mimetype)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key, mimetype: mimetype);

        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(FileOf(First)))).EnsureSuccessStatusCode();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(ArrowStreamWriter.Write(Schema, [Second]), ArrowStream)))
            .EnsureSuccessStatusCode();
        Int64s(await ReadAsync(Http, $"/api/v1/table/partition/{key}?partition=0")).Should().Equal(1, 2, 3);
        (await Http.PutAsync($"/api/v1/table/full//{key}", Body(FileOf(Second)))).EnsureSuccessStatusCode();
        Int64s(await ReadAsync(Http, $"/api/v1/table/full/{key}")).Should().Equal(3);
        (await Http.PutAsync($"/api/v1/table/partition//{key}?partition=0", Body(FileOf(First)))).EnsureSuccessStatusCode();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(FileOf(Second)))).EnsureSuccessStatusCode();

        Int64s(await ReadAsync(Http, $"/api/v1/table/full/{key}")).Should().Equal(1, 2, 3);
        var document = await Wire.ReadJsonAsync(await Http.GetAsync($"/api/v1/metadata/{key}?include_data_sources=true"));
        document["data"]!["attributes"]!["data_sources"]![0]!["mimetype"]!.GetValue<string>().Should().Be(mimetype ?? ArrowFile);
    }

    [Fact]
    public async Task A_pandas_upload_keeps_its_index_column_and_metadata_and_later_appends_match_it()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        await CreateAsync(Http, key);
        var pandas = new ArrowSchema([.. Schema.Fields, new ArrowField("__index_level_0__", ArrowType.Int64)],
            new ArrowMetadata([new("pandas", """{"index_columns": ["__index_level_0__"], "columns": []}""")]));
        RecordBatch Indexed(RecordBatch rows, params long?[] index) => new([.. rows.Columns, ArrowColumn.FromInt64(index)]);

        (await Http.PutAsync($"/api/v1/table/full//{key}", Body(ArrowFileWriter.Write(pandas, [Indexed(First, 0, 1)])))).EnsureSuccessStatusCode();
        (await Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(ArrowFileWriter.Write(pandas, [Indexed(Second, 2)]))))
            .EnsureSuccessStatusCode();

        var read = await ReadAsync(Http, $"/api/v1/table/full/{key}");
        read.Schema.Should().Be(pandas);
        Int64s(read, "__index_level_0__").Should().Equal(0, 1, 2);
        Int64s(read).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task Deleting_a_table_removes_its_storage()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("t");
        var created = await Wire.ReadJsonAsync(await Http.PostAsync("/api/v1/metadata/", Wire.Json(TableBody(key))));
        (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(First)))).EnsureSuccessStatusCode();
        var directory = created["data_sources"]![0]!["assets"]![0]!["data_uri"]!.GetValue<string>()["file://localhost".Length..];
        Directory.Exists(directory).Should().BeTrue();

        (await Http.DeleteAsync($"/api/v1/metadata/{key}?external_only=false")).EnsureSuccessStatusCode();

        Directory.Exists(directory).Should().BeFalse();
        (await Http.GetAsync($"/api/v1/table/full/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Table_routes_on_an_array_are_refused_with_405()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);

        await (await Http.GetAsync($"/api/v1/table/full/{key}")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await Http.PutAsync($"/api/v1/table/full/{key}", Body(FileOf(First)))).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await Http.GetAsync($"/api/v1/table/full/missing{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteTableEndpointTests(SqliteServer server) : TableEndpointTests<SqliteServer>(server);

public sealed class PostgresTableEndpointTests(PostgresServer server) : TableEndpointTests<PostgresServer>(server);
