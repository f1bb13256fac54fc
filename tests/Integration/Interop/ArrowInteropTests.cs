using FluentAssertions;
using Tiled.Formats.Arrow;
using Tiled.UnitTests.Formats.Arrow;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Our Arrow IPC codec against apache-arrow 21 (npm, run by Node.js): it must read the files,
/// streams and schema messages we write with the same schema and values, and we must read what it
/// writes. Both sides print the canonical JSON described in <c>tests/interop/arrow-interop.mjs</c>.
/// </summary>
public sealed class ArrowInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-arrow-interop-").FullName;

    [Fact]
    public async Task A_file_we_write_reads_the_same_in_the_reference()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var path = Save("ours.arrow", ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()));

        var theirs = await runner.ReadAsync(path);

        ArrowCanonicalJson.ShouldEqual(theirs, ArrowCanonicalJson.Of(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()));
    }

    [Fact]
    public async Task A_stream_we_write_reads_the_same_in_the_reference()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var path = Save("ours.arrows", ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()));

        var theirs = await runner.ReadAsync(path);

        ArrowCanonicalJson.ShouldEqual(theirs, ArrowCanonicalJson.Of(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches()));
    }

    [Fact]
    public async Task A_schema_message_we_encode_reads_as_the_same_schema_in_the_reference()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var uri = ArrowSchemaMessage.ToDataUri(ArrowSamples.AllTypesSchema());
        var path = Save("ours.schema", Convert.FromBase64String(uri[ArrowSchemaMessage.DataUriPrefix.Length..]));

        var theirs = await runner.ReadAsync(path);

        // apache-arrow reports one empty batch for a stream without batches: only the schema is compared.
        ArrowCanonicalJson.ShouldEqual(theirs["schema"], ArrowCanonicalJson.Of(ArrowSamples.AllTypesSchema(), [])["schema"]);
    }

    [Fact]
    public async Task A_file_the_reference_writes_reads_the_same_here()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var theirs = await runner.WriteAsync(_directory);

        var (schema, batches) = ArrowFileReader.Read(await File.ReadAllBytesAsync(Path.Combine(_directory, "reference.arrow")));

        ArrowCanonicalJson.ShouldEqual(ArrowCanonicalJson.Of(schema, batches), theirs);
        batches.Select(b => b.Length).Should().Equal(4, 0, 3);
    }

    [Fact]
    public async Task A_stream_the_reference_writes_reads_the_same_here()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var theirs = await runner.WriteAsync(_directory);

        var (schema, batches) = ArrowStreamReader.Read(await File.ReadAllBytesAsync(Path.Combine(_directory, "reference.arrows")));

        ArrowCanonicalJson.ShouldEqual(ArrowCanonicalJson.Of(schema, batches), theirs);
    }

    [Fact]
    public async Task The_schema_of_a_reference_stream_decodes_as_a_schema_message()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var theirs = await runner.WriteAsync(_directory);

        var schema = ArrowSchemaMessage.Decode(await File.ReadAllBytesAsync(Path.Combine(_directory, "reference.arrows")));

        ArrowCanonicalJson.ShouldEqual(ArrowCanonicalJson.Of(schema, [])["schema"], theirs["schema"]);
    }

    [Fact]
    public async Task Batches_appended_to_our_file_read_in_order_in_the_reference()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var schema = ArrowSamples.AllTypesSchema();
        var path = Save("appended.arrow", ArrowFileWriter.Write(schema, []));
        var batches = new[] { ArrowSamples.AllTypesBatch(4), ArrowSamples.AllTypesBatch(1), ArrowSamples.AllTypesBatch(3).Slice(1, 2) };

        foreach (var batch in batches)
        {
            await AppendAsync(path, batch);
        }

        var theirs = await runner.ReadAsync(path);

        ArrowCanonicalJson.ShouldEqual(theirs, ArrowCanonicalJson.Of(schema, batches));
    }

    [Fact]
    public async Task A_batch_appended_to_a_reference_file_reads_after_its_batches_in_the_reference()
    {
        var runner = ArrowNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var before = await runner.WriteAsync(_directory);
        var path = Path.Combine(_directory, "reference.arrow");
        var existing = ArrowFileReader.Read(await File.ReadAllBytesAsync(path));
        var extra = existing.Batches[0].Slice(1, 2);

        await AppendAsync(path, extra);
        var after = await runner.ReadAsync(path);

        ArrowCanonicalJson.ShouldEqual(after, ArrowCanonicalJson.Of(existing.Schema, [.. existing.Batches, extra]));
        ArrowCanonicalJson.ShouldEqual(after["schema"], before["schema"]);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>What the table store does on an append: the stored batches and the new one, written anew.</summary>
    private static async Task AppendAsync(string path, RecordBatch batch)
    {
        var stored = ArrowFileReader.Read(await File.ReadAllBytesAsync(path));
        await File.WriteAllBytesAsync(path, ArrowFileWriter.Write(stored.Schema, [.. stored.Batches, batch]));
    }
}
