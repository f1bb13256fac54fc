using FluentAssertions;
using Tiled.Application.Streaming.Live;
using Tiled.Formats.Arrow;
using Tiled.UnitTests.Api.Streaming;
using Xunit;
using static Tiled.UnitTests.Api.Streaming.StreamEntries;

namespace Tiled.UnitTests.Application.Streaming.Live;

public sealed class JsonEnvelopeTableTests
{
    private static readonly StreamEnvelopeEncoder Encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Json, null);
    private static readonly ArrowSchema Schema = new([new ArrowField("a", ArrowType.Int64), new ArrowField("s", ArrowType.Utf8)]);
    private static readonly RecordBatch[] Batches =
    [
        new([ArrowColumn.FromInt64([1, null]), ArrowColumn.FromStrings(["x", "y+z"])]),
        new([ArrowColumn.FromInt64([3]), ArrowColumn.FromStrings([null])]),
    ];

    private static Tiled.Application.Abstractions.StreamEntry TableData(string mimetype, byte[] payload) =>
        Entry(5, $$"""{"type":"table-data","timestamp":"{{Timestamp}}","mimetype":"{{mimetype}}","partition":0,"append":true}""", payload);

    [Fact]
    public void An_arrow_file_payload_becomes_an_object_of_column_lists_with_nulls()
    {
        var frame = Encoder.EncodeEntry(TableData("application/vnd.apache.arrow.file", ArrowFileWriter.Write(Schema, Batches)));

        Frames.Text(frame).Should().Be(
            $$$"""{"type":"table-data","sequence":5,"timestamp":"{{{Timestamp}}}","mimetype":"application/vnd.apache.arrow.file","partition":0,"append":true,"content-type":"application/json","payload":{"a":[1,null,3],"s":["x","y+z",null]}}""");
    }

    [Fact]
    public void An_arrow_stream_payload_is_transcoded_too()
    {
        var frame = Encoder.EncodeEntry(TableData("application/vnd.apache.arrow.stream", ArrowStreamWriter.Write(Schema, Batches)));

        Frames.Text(frame).Should().EndWith("\"payload\":{\"a\":[1,null,3],\"s\":[\"x\",\"y+z\",null]}}");
    }

    [Fact]
    public void A_payload_that_is_not_arrow_is_sent_as_base64()
    {
        byte[] payload = [1, 2, 3];

        Frames.Json(Encoder.EncodeEntry(TableData("application/vnd.apache.arrow.file", payload)))["payload"]!
            .GetValue<string>().Should().Be(Convert.ToBase64String(payload));
    }
}
