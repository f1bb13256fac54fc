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
        ((Action)(() => ArrowSchemaMessage.Decode([]))).Should().Throw<ArrowFormatException>();
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

        act.Should().Throw<ArrowFormatException>().WithMessage("*truncated*");
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

        act.Should().Throw<ArrowFormatException>().WithMessage("*truncated*");
    }

    [Fact]
    public void A_buffer_outside_the_body_is_a_format_error()
    {
        var stream = Concat(Schema(2), Int32Batch(2, 0, [(0, 0), (8, 8)], new byte[8]), s_endOfStream);

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowFormatException>().WithMessage("*outside*body*");
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

    [Theory]
    [InlineData(1, "Null")]
    [InlineData(7, "Decimal")]
    [InlineData(11, "Interval")]
    [InlineData(12, "List")]
    [InlineData(13, "Struct")]
    [InlineData(14, "Union")]
    [InlineData(15, "FixedSizeBinary")]
    [InlineData(16, "FixedSizeList")]
    [InlineData(17, "Map")]
    [InlineData(21, "LargeList")]
    [InlineData(22, "RunEndEncoded")]
    [InlineData(23, "BinaryView")]
    [InlineData(24, "Utf8View")]
    [InlineData(99, "99")]
    public void Unsupported_column_types_are_not_supported_errors_naming_the_type(byte typeId, string name)
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(typeId));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage($"*'c'*{name}*");
    }

    [Fact]
    public void A_dictionary_encoded_field_is_not_supported()
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(2, dictionary: true));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*dictionary*");
    }

    [Fact]
    public void A_field_with_children_is_not_supported()
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(2, children: 1));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*nested*");
    }

    [Fact]
    public void A_big_endian_schema_is_not_supported()
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(2, endianness: 1));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*big-endian*");
    }

    [Fact]
    public void Metadata_older_than_v4_is_not_supported()
    {
        var act = () => ArrowSchemaMessage.Decode(Schema(2, version: 2));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*V3*");
    }

    [Fact]
    public void A_compressed_body_is_not_supported()
    {
        var stream = Concat(Schema(2), Int32Batch(0, 0, [(0, 0), (0, 0)], [], compressed: true));

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*compressed*");
    }

    [Fact]
    public void A_dictionary_batch_is_not_supported()
    {
        var dictionaryBatch = Message(DictionaryBatchHeader, b =>
        {
            b.StartTable(3);
            b.AddInt64(0, 1);
            return b.EndTable();
        });

        var act = () => ArrowStreamReader.Read(Concat(Schema(2), dictionaryBatch));

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*Dictionary*");
    }

    [Fact]
    public void More_rows_than_an_int_holds_are_not_supported()
    {
        var stream = Concat(Schema(2), Int32Batch(3_000_000_000, 0, [(0, 0), (0, 0)], []));

        var act = () => ArrowStreamReader.Read(stream);

        act.Should().Throw<ArrowNotSupportedException>().WithMessage("*3000000000 rows*");
    }

    [Fact]
    public void A_stream_that_starts_with_a_batch_is_a_format_error()
    {
        var act = () => ArrowStreamReader.Read(Int32Batch(0, 0, [(0, 0), (0, 0)], []));

        act.Should().Throw<ArrowFormatException>().WithMessage("*schema*");
    }
}
