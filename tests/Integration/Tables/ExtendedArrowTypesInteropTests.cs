using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;
using static Tiled.IntegrationTests.Tables.TableWire;

namespace Tiled.IntegrationTests.Tables;

/// <summary>
/// Dictionary (pandas' categorical), decimal, list and struct columns, which Apache.Arrow brought:
/// a file apache-arrow (JavaScript) wrote is uploaded, appended to and served back, and apache-arrow
/// reads exactly its own rows twice over; the JSON and CSV bodies show the decoded values.
/// </summary>
public sealed class ExtendedArrowTypesInteropTests(SqliteServer server, ITestOutputHelper output) : IClassFixture<SqliteServer>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-extended-arrow-").FullName;

    [Theory]
    [InlineData(ArrowFile, "served.arrow")]
    [InlineData(ArrowStream, "served.arrows")]
    public async Task Apache_arrow_reads_back_its_own_rows_twice_after_an_upload_and_an_append(string accept, string name)
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null || server.UnavailableReason is not null)
        {
            return;
        }

        var key = await UploadTwiceAsync(runner);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/table/full/{key}");
        request.Headers.Accept.ParseAdd(accept);
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var served = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(served, await response.Content.ReadAsByteArrayAsync());

        var read = await runner.ReadExtendedAsync(served);

        var theirs = await runner.WriteExtendedAsync(_directory);
        read["types"]!.ToJsonString().Should().Be(theirs["types"]!.ToJsonString());
        foreach (var (column, values) in theirs["columns"]!.AsObject())
        {
            var twice = new JsonArray([.. values!.AsArray().Select(v => v?.DeepClone()), .. values!.AsArray().Select(v => v?.DeepClone())]);
            read["columns"]![column]!.ToJsonString().Should().Be(twice.ToJsonString(), $"column {column}");
        }
    }

    [Fact]
    public async Task The_types_read_as_pyarrow_names_them_and_json_and_csv_show_decoded_values()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null || server.UnavailableReason is not null)
        {
            return;
        }

        var key = await UploadTwiceAsync(runner);
        var table = await ReadAsync(server.Http, $"/api/v1/table/full/{key}");
        table.Schema.Fields.Select(f => f.Type.ToString()).Should().Equal(
            "dictionary<values=string, indices=int8, ordered=0>", "decimal128(10, 2)", "list<item: int32>", "struct<x: int32, y: string>");

        var json = JsonNode.Parse(await server.Http.GetStringAsync($"/api/v1/table/full/{key}?format=application/json"))!;
        json["category"]!.ToJsonString().Should().Be("""["red","green",null,"red","red","green",null,"red"]""");
        json["price"]!.ToJsonString().Should().Be("[123.45,-0.50,null,0.07,123.45,-0.50,null,0.07]");
        json["samples"]![0]!.ToJsonString().Should().Be("[1,2]");
        json["point"]![1]!.ToJsonString().Should().Be("""{"x":null,"y":"b"}""");

        var csv = await server.Http.GetStringAsync($"/api/v1/table/full/{key}?format=text/csv");
        csv.Split('\n')[1].Should().Be("""red,123.45,"[1,2]","{""x"":1,""y"":""a""}" """.TrimEnd());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> UploadTwiceAsync(ArrowNodeRunner runner)
    {
        await runner.WriteExtendedAsync(_directory);
        var file = await File.ReadAllBytesAsync(Path.Combine(_directory, "extended.arrow"));
        var key = Wire.NewKey("ext");
        await CreateAsync(server.Http, key, ArrowFileReader.ReadSchema(file), mimetype: SqlTable);
        (await server.Http.PutAsync($"/api/v1/table/full//{key}", Body(file))).EnsureSuccessStatusCode();
        (await server.Http.PatchAsync($"/api/v1/table/partition//{key}?partition=0", Body(file))).EnsureSuccessStatusCode();
        return key;
    }
}
