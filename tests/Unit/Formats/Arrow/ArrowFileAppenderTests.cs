using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowFileAppenderTests
{
    [Fact]
    public void Appending_keeps_every_earlier_byte_and_adds_the_batch_last()
    {
        var schema = ArrowSamples.AllTypesSchema();
        var original = ArrowFileWriter.Write(schema, [ArrowSamples.AllTypesBatch(4)]);

        var plan = ArrowFileAppender.Plan(original, ArrowSamples.AllTypesBatch(3));
        var appended = Apply(original, plan);

        appended.AsSpan(0, (int)plan.TruncateAt).SequenceEqual(original.AsSpan(0, (int)plan.TruncateAt)).Should().BeTrue();
        plan.NewLength.Should().BeGreaterThan(original.Length);
        var table = ArrowFileReader.Read(appended);
        table.Batches.Select(b => b.Length).Should().Equal(4, 3);
        ArrowTestValues.ShouldMatch(table.Batches[1], ArrowSamples.AllTypesBatch(3));
        plan.Schema.Should().Be(schema);
    }

    [Fact]
    public void Appending_to_a_file_without_batches_keeps_its_schema_message()
    {
        var schema = ArrowSamples.AllTypesSchema();
        var original = ArrowFileWriter.Write(schema, []);

        var plan = ArrowFileAppender.Plan(original, ArrowSamples.AllTypesBatch(2));

        plan.TruncateAt.Should().Be(8 + ArrowSchemaMessage.Encode(schema).Length);
        var appended = Apply(original, plan);
        ArrowStreamReader.Read(appended.AsMemory(8)).Batches.Should().ContainSingle();
        ArrowFileReader.Read(appended).Batches.Should().ContainSingle();
    }

    [Fact]
    public void Repeated_appends_match_writing_all_batches_at_once()
    {
        var schema = ArrowSamples.AllTypesSchema();
        var batches = ArrowSamples.AllTypesBatches();
        var file = ArrowFileWriter.Write(schema, []);

        foreach (var batch in batches)
        {
            file = Apply(file, ArrowFileAppender.Plan(file, batch));
        }

        file.Should().Equal(ArrowFileWriter.Write(schema, batches));
    }

    [Fact]
    public async Task Planning_from_a_seekable_stream_reads_only_head_and_footer_and_agrees_with_the_pure_plan()
    {
        var original = ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), [ArrowSamples.AllTypesBatch(4)]);
        using var stream = new MemoryStream(original);

        var plan = await ArrowFileAppender.PlanAsync(stream, ArrowSamples.AllTypesBatch(1));

        var pure = ArrowFileAppender.Plan(original, ArrowSamples.AllTypesBatch(1));
        plan.TruncateAt.Should().Be(pure.TruncateAt);
        plan.Bytes.Should().Equal(pure.Bytes);
    }

    [Fact]
    public void A_batch_of_another_schema_is_refused()
    {
        var original = ArrowFileWriter.Write(new ArrowSchema([new ArrowField("x", ArrowType.Int64)]), []);

        var act = () => ArrowFileAppender.Plan(original, new RecordBatch([ArrowColumn.FromStrings(["a"])]));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Appending_to_something_that_is_not_an_arrow_file_is_a_format_error()
    {
        var act = () => ArrowFileAppender.Plan(ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), []), ArrowSamples.AllTypesBatch(1));

        act.Should().Throw<ArrowFormatException>();
    }

    private static byte[] Apply(byte[] original, ArrowAppendPlan plan) =>
        [.. original.AsSpan(0, (int)plan.TruncateAt), .. plan.Bytes];
}
