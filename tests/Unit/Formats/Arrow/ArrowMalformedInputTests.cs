using System.Buffers.Binary;
using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;
using static Tiled.UnitTests.Formats.Arrow.ArrowMessages;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowMalformedInputTests
{
    private static readonly byte[] s_endOfStream = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    [Fact]
    public void Empty_input_is_a_format_error_in_every_reader()
    {
        ((Action)(() => ArrowFileReader.Read(Array.Empty<byte>()))).Should().Throw<ArrowFormatException>();
        ((Action)(() => ArrowStreamReader.Read(Array.Empty<byte>()))).Should().Throw<ArrowFormatException>();
        ((Action)(() => ArrowSchemaMessage.Decode(ReadOnlyMemory<byte>.Empty))).Should().Throw<ArrowFormatException>();
    }

    [Fact]
    public void A_file_with_bad_leading_magic_is_a_format_error()
    {
        var bytes = ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), []);
        bytes[5] = (byte)'2';

        var act = () => ArrowFileReader.Read(bytes);

        act.Should().Throw<ArrowFormatException>().WithMessage("*magic*");
    }

    [Fact]
    public void A_truncated_file_is_a_format_error()
    {
        var bytes = ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), ArrowSamples.AllTypesBatches());

        var act = () => ArrowFileReader.Read(bytes.AsMemory(0, bytes.Length - 1));

        act.Should().Throw<ArrowFormatException>().WithMessage("*magic*");
    }

    [Fact]
    public void A_footer_length_larger_than_the_file_is_a_format_error()
    {
        var bytes = ArrowFileWriter.Write(ArrowSamples.AllTypesSchema(), []);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 10), bytes.Length);

        var act = () => ArrowFileReader.Read(bytes);

        act.Should().Throw<ArrowFormatException>().WithMessage("*footer length*");
    }

    [Fact]
    public void A_stream_whose_body_runs_past_the_end_is_a_format_error()
    {
        var bytes = ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), [ArrowSamples.AllTypesBatch(4)]);

        var act = () => ArrowStreamReader.Read(bytes.AsMemory(0, bytes.Length - 24));

        act.Should().Throw<ArrowFormatException>().WithMessage("The Arrow input is malformed*");
    }

    [Fact]
    public void A_buffer_outside_the_body_is_a_format_error()
    {
        var stream = Concat(Schema(2), Int32Batch(2, 0, [(0, 0), (8, 8)], new byte[8]), s_endOfStream);

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowFormatException>().WithMessage("*buffer*out of range*");
    }

    [Fact]
    public void A_values_buffer_shorter_than_the_length_is_a_format_error()
    {
        var stream = Concat(Schema(2), Int32Batch(3, 0, [(0, 0), (0, 8)], new byte[8]), s_endOfStream);

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowFormatException>().WithMessage("*'c'*12 bytes*");
    }

    [Fact]
    public void A_node_longer_than_its_batch_is_a_format_error()
    {
        var stream = Concat(Schema(2), Int32Batch(2, 3, [(0, 0), (0, 8)], new byte[8]), s_endOfStream);

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowFormatException>();
    }

    [Fact]
    public void A_hand_built_int32_batch_reads()
    {
        var body = new byte[16];
        body[0] = 0b01;
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(8), 7);
        var stream = Concat(Schema(2), Int32Batch(2, 1, [(0, 1), (8, 8)], body));

        var column = ArrowStreamReader.Read(stream).Batches.Single().Columns[0];

        ArrowTestValues.Of(column).Should().Equal(7, null);
    }

    public static TheoryData<string> UnsupportedTypes => ["fixed_size_binary", "large_list", "fixed_size_list", "map", "union", "interval", "null"];

    [Theory]
    [MemberData(nameof(UnsupportedTypes))]
    public void Valid_arrow_of_an_unsupported_type_is_a_not_supported_error_naming_field_and_type(string name)
    {
        var act = () => ArrowStreamReader.Read(ApacheWritten.SchemaOnly(ApacheWritten.UnsupportedField(name)));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage($"*'c'*not supported*");
    }

    [Fact]
    public void A_hand_built_schema_of_an_unknown_type_is_a_format_error()
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(99));

        act.Should().Throw<ArrowFormatException>().WithMessage("*99*");
    }

    [Fact]
    public void A_record_batch_whose_dictionary_never_came_is_a_format_error()
    {
        var dictionaryOnly = Message(DictionaryBatchHeader, b =>
        {
            b.StartTable(3);
            b.AddInt64(0, 1);
            return b.EndTable();
        });

        var act = () => ArrowStreamReader.Read(Concat(Schema(2), dictionaryOnly));

        act.Should().Throw<ArrowFormatException>().WithMessage("*ictionary*");
    }

    [Fact]
    public void More_rows_than_an_int_holds_are_a_format_error()
    {
        var stream = Concat(Schema(2), Int32Batch(3_000_000_000, 0, [(0, 0), (0, 0)], []));

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowFormatException>().WithMessage("*3000000000 rows*");
    }

    [Fact]
    public void A_stream_that_starts_with_a_batch_is_a_format_error()
    {
        var act = () => ArrowStreamReader.Read(Int32Batch(0, 0, [(0, 0), (0, 0)], []));

        act.Should().Throw<ArrowFormatException>().WithMessage("*schema*");
    }
}
