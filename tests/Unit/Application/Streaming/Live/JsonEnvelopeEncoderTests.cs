using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Streaming.Live;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.Formats.DataTypes;
using Tiled.UnitTests.Api.Streaming;
using Xunit;
using static Tiled.UnitTests.Api.Streaming.StreamEntries;

namespace Tiled.UnitTests.Application.Streaming.Live;

public sealed class JsonEnvelopeEncoderTests
{
    private static readonly StreamEnvelopeEncoder Int64Encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Json, DataType.Int64);

    [Fact]
    public void An_array_data_payload_becomes_nested_lists_with_content_type_json_and_the_mimetype_kept()
    {
        var frame = Int64Encoder.EncodeEntry(ArrayData(2, Int64s(4, 5, 6)));

        Frames.Text(frame).Should().Be(
            $$"""{"type":"array-data","sequence":2,"timestamp":"{{Timestamp}}","mimetype":"application/octet-stream","shape":[3],"offset":null,"block":null,"content-type":"application/json","payload":[4,5,6]}""");
    }

    [Fact]
    public void The_message_shape_and_the_schema_type_decide_the_nesting()
    {
        var encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Json, DataType.Int32);

        var payload = Frames.Json(encoder.EncodeEntry(ArrayData(1, Int32s(1, 2, 3, 4, 5, 6), shape: "[2,3]")))["payload"];

        payload!.ToJsonString().Should().Be("[[1,2,3],[4,5,6]]");
    }

    [Fact]
    public void A_0_d_array_payload_becomes_a_scalar() =>
        Frames.Json(Int64Encoder.EncodeEntry(ArrayData(1, Int64s(42), shape: "[]")))["payload"]!.ToJsonString().Should().Be("42");

    [Fact]
    public void A_payload_that_does_not_match_its_shape_is_sent_as_base64()
    {
        var payload = Int64s(1, 2);

        var message = Frames.Json(Int64Encoder.EncodeEntry(ArrayData(1, payload, shape: "[3]")));

        message["payload"]!.GetValue<string>().Should().Be(Convert.ToBase64String(payload));
        message["content-type"]!.GetValue<string>().Should().Be("application/json");
    }

    [Fact]
    public void Without_a_known_element_type_an_array_payload_is_sent_as_base64()
    {
        var encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Json, null);
        var payload = Int64s(1);

        Frames.Json(encoder.EncodeEntry(ArrayData(1, payload, shape: "[1]")))["payload"]!.GetValue<string>()
            .Should().Be(Convert.ToBase64String(payload));
    }

    [Fact]
    public void An_application_json_payload_is_embedded_as_is_without_a_content_type_key()
    {
        var entry = ArrayData(1, "[[1, 2], [3, 4]]"u8.ToArray(), shape: "[2,2]", mimetype: "application/json");

        var message = Frames.Json(Int64Encoder.EncodeEntry(entry));

        message["payload"]!.ToJsonString().Should().Be("[[1,2],[3,4]]");
        message.ContainsKey("content-type").Should().BeFalse();
    }

    [Fact]
    public void Other_payloads_are_sent_as_base64_strings()
    {
        var payload = new byte[] { 0xff, 0x00, 0x41 };
        var entry = Entry(3, """{"type":"table-data","timestamp":"t","mimetype":"application/vnd.apache.arrow.file","partition":0,"append":true}""", payload);

        var message = Frames.Json(Int64Encoder.EncodeEntry(entry));

        message["payload"]!.GetValue<string>().Should().Be(Convert.ToBase64String(payload));
        message["content-type"]!.GetValue<string>().Should().Be("application/json");
        message["mimetype"]!.GetValue<string>().Should().Be("application/vnd.apache.arrow.file");
    }

    [Fact]
    public void A_message_without_payload_is_the_stored_json_with_its_sequence()
    {
        var message = Frames.Json(Int64Encoder.EncodeEntry(ChildCreated(4)));

        message.Select(p => p.Key).Should().Equal(
            "type", "sequence", "timestamp", "key", "structure_family", "specs", "metadata", "data_sources", "access_blob");
        message["metadata"]!.ToJsonString().Should().Be("""{"color":"red","n":[1,2.5,null,true]}""");
    }

    [Fact]
    public void Stored_keys_named_sequence_or_payload_are_not_repeated()
    {
        var frame = Int64Encoder.EncodeEntry(Entry(5, """{"type":"array-data","sequence":99,"payload":"stale","shape":[1],"mimetype":"application/octet-stream"}""", Int64s(7)));

        Frames.Text(frame).Should().Be("""{"type":"array-data","sequence":5,"shape":[1],"mimetype":"application/octet-stream","content-type":"application/json","payload":[7]}""");
    }

    [Fact]
    public void Non_ascii_metadata_is_written_as_text()
    {
        var frame = Int64Encoder.EncodeEntry(Entry(1, """{"type":"container-child-metadata-updated","key":"x","metadata":{"unit":"µm"}}""", []));

        Frames.Text(frame).Should().Contain("\"µm\"");
    }

    [Fact]
    public void Notices_are_json_objects_without_a_sequence_key()
    {
        var now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        Frames.Text(Int64Encoder.Encode(new SubscriptionGap(1, 2, FromReplay: true), now)).Should().Be(
            """{"type":"gap","sequence_from":1,"sequence_to":2,"timestamp":"2025-01-02T03:04:05.000000+02:00"}""");
        Frames.Text(Int64Encoder.Encode(new SubscriptionReset(9, FromReplay: true), now)).Should().Be(
            """{"type":"reset","previous_sequence":9,"timestamp":"2025-01-02T03:04:05.000000+02:00"}""");
    }

    [Fact]
    public void Own_messages_are_text_frames() =>
        Frames.Json(Int64Encoder.EncodeMessage(new JsonObject { ["type"] = "container-schema", ["version"] = 1 }))
            .ToJsonString().Should().Be("""{"type":"container-schema","version":1}""");
}
