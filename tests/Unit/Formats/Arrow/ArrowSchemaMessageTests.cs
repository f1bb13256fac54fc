using FluentAssertions;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.UnitTests.Formats.Arrow;

public sealed class ArrowSchemaMessageTests
{
    [Fact]
    public void A_schema_round_trips_through_one_encapsulated_message()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var bytes = ArrowSchemaMessage.Encode(schema);

        ArrowSchemaMessage.Decode(bytes).Should().Be(schema);
    }

    [Fact]
    public void The_message_is_framed_like_pyarrow_serialize_with_no_body_and_no_end_marker()
    {
        var bytes = ArrowSchemaMessage.Encode(ArrowSamples.AllTypesSchema());

        BitConverter.ToUInt32(bytes, 0).Should().Be(0xFFFFFFFF);
        BitConverter.ToInt32(bytes, 4).Should().Be(bytes.Length - 8);
        (bytes.Length % 8).Should().Be(0);
    }

    [Fact]
    public void A_data_uri_round_trips_and_starts_with_tileds_prefix()
    {
        var schema = ArrowSamples.AllTypesSchema();

        var uri = ArrowSchemaMessage.ToDataUri(schema);

        uri.Should().StartWith("data:application/vnd.apache.arrow.file;base64,/////");
        ArrowSchemaMessage.FromDataUri(uri).Should().Be(schema);
    }

    [Fact]
    public void The_start_of_a_stream_and_a_whole_file_decode_as_their_schema()
    {
        var schema = ArrowSamples.AllTypesSchema();

        ArrowSchemaMessage.Decode(ArrowStreamWriter.Write(schema, ArrowSamples.AllTypesBatches())).Should().Be(schema);
        ArrowSchemaMessage.Decode(ArrowFileWriter.Write(schema, ArrowSamples.AllTypesBatches())).Should().Be(schema);
    }

    [Fact]
    public void The_pre_1_0_framing_without_continuation_marker_is_read()
    {
        var schema = ArrowSamples.AllTypesSchema();
        var modern = ArrowSchemaMessage.Encode(schema);

        var legacy = modern.AsSpan(4).ToArray();

        ArrowSchemaMessage.Decode(legacy).Should().Be(schema);
    }

    [Fact]
    public void An_empty_schema_round_trips()
    {
        var schema = new ArrowSchema([]);

        ArrowSchemaMessage.Decode(ArrowSchemaMessage.Encode(schema)).Should().Be(schema);
    }

    [Theory]
    [InlineData("data:text/plain;base64,AAAA")]
    [InlineData("data:application/vnd.apache.arrow.file;base64,@@@")]
    [InlineData("data:application/vnd.apache.arrow.file;base64,")]
    public void A_bad_data_uri_is_a_format_error(string uri)
    {
        var act = () => ArrowSchemaMessage.FromDataUri(uri);

        act.Should().Throw<ArrowFormatException>();
    }

    [Fact]
    public void A_record_batch_message_is_not_a_schema()
    {
        var stream = ArrowStreamWriter.Write(ArrowSamples.AllTypesSchema(), [ArrowSamples.AllTypesBatch(2)]);
        var schemaLength = ArrowSchemaMessage.Encode(ArrowSamples.AllTypesSchema()).Length;

        var act = () => ArrowSchemaMessage.Decode(stream.AsMemory(schemaLength));

        act.Should().Throw<ArrowFormatException>().WithMessage("*schema*RecordBatch*");
    }
}
