using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Streaming.Live;
using Tiled.Application.Streaming.Subscriptions;
using Tiled.UnitTests.Api.Streaming;
using Xunit;
using static Tiled.UnitTests.Api.Streaming.StreamEntries;

namespace Tiled.UnitTests.Application.Streaming.Live;

public sealed class MsgpackEnvelopeEncoderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly StreamEnvelopeEncoder _encoder = StreamEnvelopeEncoder.Create(EnvelopeFormat.Msgpack, null);

    [Fact]
    public void An_update_is_one_binary_map_of_the_stored_keys_the_sequence_and_the_payload_bytes()
    {
        var payload = Int64s(1, 2, 3);

        var map = Frames.Map(_encoder.EncodeEntry(ArrayData(2, payload)));

        map.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["type"] = "array-data",
            ["sequence"] = 2L,
            ["timestamp"] = Timestamp,
            ["mimetype"] = "application/octet-stream",
            ["shape"] = new List<object?> { 3L },
            ["offset"] = null,
            ["block"] = null,
            ["payload"] = payload,
        });
    }

    [Fact]
    public void A_large_payload_follows_the_head_uncopied_and_together_they_are_the_same_message()
    {
        var payload = new byte[MsgpackEnvelopeEncoder.MinTailBytes];
        Random.Shared.NextBytes(payload);
        var entry = ArrayData(2, payload);

        var frame = _encoder.EncodeEntry(entry);

        frame.Tail.Equals(entry.Payload).Should().BeTrue("the payload is sent where it lies");
        frame.Length.Should().Be(frame.Data.Length + payload.Length);
        var map = Frames.Map(frame with { Data = (byte[])[.. frame.Data.Span, .. frame.Tail.Span], Tail = default });
        map["payload"].Should().BeEquivalentTo(payload);
        map["sequence"].Should().Be(2L);
    }

    [Fact]
    public void A_large_payload_costs_no_allocation_of_its_size()
    {
        var entry = ArrayData(2, new byte[4 << 20]);
        _encoder.EncodeEntry(entry);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var frame = _encoder.EncodeEntry(entry);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        frame.Tail.Length.Should().Be(4 << 20);
        allocated.Should().BeLessThan(64 * 1024, "neither the payload nor room for it in the scratch buffer is allocated");
    }

    [Fact]
    public void A_small_payload_is_copied_into_one_frame() =>
        _encoder.EncodeEntry(ArrayData(2, Int64s(1, 2, 3))).Tail.IsEmpty.Should().BeTrue();

    [Fact]
    public void The_sequence_follows_the_type_key() =>
        Frames.Keys(_encoder.EncodeEntry(ArrayData(2, Int64s(1))).Data.ToArray())
            .Should().Equal("type", "sequence", "timestamp", "mimetype", "shape", "offset", "block", "payload");

    [Fact]
    public void Stored_keys_named_sequence_or_payload_are_not_repeated()
    {
        var entry = Entry(5, """{"type":"array-data","sequence":99,"payload":"stale","shape":[1]}""", [7]);

        var map = Frames.Map(_encoder.EncodeEntry(entry));

        map["sequence"].Should().Be(5L);
        map["payload"].Should().BeEquivalentTo(new byte[] { 7 });
    }

    [Fact]
    public void A_message_without_payload_has_no_payload_key_and_keeps_nested_metadata()
    {
        var map = Frames.Map(_encoder.EncodeEntry(ChildCreated(4)));

        map.Should().NotContainKey("payload");
        map["sequence"].Should().Be(4L);
        map["metadata"].Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["color"] = "red",
            ["n"] = new List<object?> { 1L, 2.5, null, true },
        });
        map["specs"].Should().BeEquivalentTo(new List<object?> { new Dictionary<string, object?> { ["name"] = "s", ["version"] = null } });
    }

    [Fact]
    public void An_array_data_update_of_an_empty_array_still_carries_an_empty_payload() =>
        Frames.Map(_encoder.EncodeEntry(ArrayData(1, [], shape: "[0]")))["payload"].Should().BeEquivalentTo(Array.Empty<byte>());

    [Fact]
    public void A_message_without_a_type_gets_the_sequence_first()
    {
        var entry = Entry(3, """{"timestamp":"t","other":1}""", []);

        Frames.Keys(_encoder.EncodeEntry(entry).Data.ToArray()).Should().Equal("timestamp", "other", "sequence");
    }

    [Fact]
    public void An_update_frame_accounts_for_its_own_sequence_number() =>
        _encoder.EncodeEntry(ArrayData(8, Int64s(1))).ResumeAfter.Should().Be(8);

    [Fact]
    public void A_gap_notice_has_no_sequence_key_and_accounts_for_the_end_of_the_gap()
    {
        var frame = _encoder.Encode(new SubscriptionGap(3, 6, FromReplay: true), Now);

        Frames.Map(frame).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["type"] = "gap",
            ["sequence_from"] = 3L,
            ["sequence_to"] = 6L,
            ["timestamp"] = "2025-01-02T03:04:05.000000+00:00",
        });
        frame.ResumeAfter.Should().Be(6);
    }

    [Fact]
    public void A_reset_notice_names_the_previous_number_and_resumes_the_new_numbering_from_1()
    {
        var frame = _encoder.Encode(new SubscriptionReset(41, FromReplay: false), Now);

        Frames.Map(frame).Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["type"] = "reset",
            ["previous_sequence"] = 41L,
            ["timestamp"] = "2025-01-02T03:04:05.000000+00:00",
        });
        frame.ResumeAfter.Should().Be(0);
    }

    [Fact]
    public void Own_messages_are_encoded_as_maps_with_integers_kept_integral()
    {
        var frame = _encoder.EncodeMessage(new JsonObject { ["type"] = "container-schema", ["version"] = 1 });

        Frames.Map(frame).Should().BeEquivalentTo(new Dictionary<string, object?> { ["type"] = "container-schema", ["version"] = 1L });
        frame.ResumeAfter.Should().BeNull();
    }

    [Fact]
    public void A_stored_message_that_is_not_an_object_is_refused() =>
        _encoder.Invoking(e => e.EncodeEntry(Entry(1, "[1,2]", []))).Should().Throw<System.Text.Json.JsonException>();
}
