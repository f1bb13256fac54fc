using System.Collections.Immutable;
using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

public sealed class MessagePackValueTests
{
    [Fact]
    public void Decoding_builds_a_tree_of_plain_values()
    {
        var tree = MessagePackValue.Decode(Bytes(
            "88" + "a16e" + "c0" + "a162" + "c3" + "a169" + "d0df" + "a175" + "cfffffffffffffffff"
            + "a166" + "ca3fc00000" + "a173" + "a3616263" + "a16c" + "92c4020102" + "d6ff00000001" + "a16d" + "81a17801"));

        tree.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["n"] = null,
            ["b"] = true,
            ["i"] = -33L,
            ["u"] = ulong.MaxValue,
            ["f"] = 1.5,
            ["s"] = "abc",
            ["l"] = new List<object?> { new byte[] { 1, 2 }, DateTimeOffset.UnixEpoch.AddSeconds(1) },
            ["m"] = new Dictionary<string, object?> { ["x"] = 1L },
        }, o => o.RespectingRuntimeTypes().WithStrictOrdering());
    }

    [Theory]
    [InlineData("7f", 127L)]
    [InlineData("cf7fffffffffffffff", long.MaxValue)]
    [InlineData("d38000000000000000", long.MinValue)]
    public void Integers_that_fit_a_long_decode_as_long(string encoded, long value) =>
        MessagePackValue.Decode(Bytes(encoded)).Should().BeOfType<long>().Which.Should().Be(value);

    [Fact]
    public void Integers_above_long_max_decode_as_ulong() =>
        MessagePackValue.Decode(Bytes("cf8000000000000000")).Should().BeOfType<ulong>().Which.Should().Be(1UL << 63);

    [Fact]
    public void Float32_decodes_widened_to_double() =>
        MessagePackValue.Decode(Bytes(Hex((ref MessagePackWriter w) => w.Write(0.1f)))).Should().BeOfType<double>().Which.Should().Be((double)0.1f);

    [Fact]
    public void Map_keys_keep_their_order()
    {
        var map = MessagePackValue.Decode(Bytes("83a17a01a16102a16d03")).Should().BeOfType<Dictionary<string, object?>>().Subject;

        map.Keys.Should().Equal("z", "a", "m");
    }

    [Fact]
    public void Integer_map_keys_become_their_decimal_text()
    {
        var map = MessagePackValue.Decode(Bytes("8301c0ffc0cfffffffffffffffffc0")).Should().BeOfType<Dictionary<string, object?>>().Subject;

        map.Keys.Should().Equal("1", "-1", "18446744073709551615");
    }

    [Theory]
    [InlineData("81c3c0", "boolean")]
    [InlineData("81c0c0", "nil")]
    [InlineData("8190c0", "array")]
    public void Other_map_key_types_are_rejected(string encoded, string keyType)
    {
        var act = () => MessagePackValue.Decode(Bytes(encoded));

        act.Should().Throw<MessagePackException>().WithMessage($"Map key at offset 1 is a {keyType}*");
    }

    [Fact]
    public void A_repeated_map_key_keeps_its_last_value() =>
        MessagePackValue.Decode(Bytes("82a16101a16102")).Should().BeEquivalentTo(new Dictionary<string, object?> { ["a"] = 2L });

    [Fact]
    public void Bytes_after_the_value_are_an_error()
    {
        var act = () => MessagePackValue.Decode(Bytes("01c0"));

        act.Should().Throw<MessagePackException>().WithMessage("*1 bytes remain at offset 1*");
    }

    [Fact]
    public void Extension_types_other_than_timestamps_are_rejected()
    {
        var act = () => MessagePackValue.Decode(Bytes("d40501"));

        act.Should().Throw<MessagePackException>().WithMessage("Extension type 5 at offset 0 is not supported*");
    }

    [Fact]
    public void Nesting_up_to_the_depth_limit_decodes()
    {
        var bytes = Bytes(Repeat("91", MessagePackValue.MaxDepth - 1) + "90");

        MessagePackValue.Decode(bytes).Should().BeOfType<List<object?>>();
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_an_error_not_a_stack_overflow()
    {
        var bytes = Bytes(Repeat("91", 100_000) + "c0");

        var act = () => MessagePackValue.Decode(bytes);

        act.Should().Throw<MessagePackException>().WithMessage("*deeper than 1000 levels*");
    }

    [Fact]
    public void Encoding_accepts_the_common_dotnet_shapes_of_a_tree()
    {
        IReadOnlyDictionary<string, object?> readOnly = ImmutableDictionary<string, object?>.Empty.Add("k", 1);
        var value = new Dictionary<string, object?>
        {
            ["int"] = 7,
            ["byte"] = (byte)200,
            ["uint"] = uint.MaxValue,
            ["short"] = (short)-300,
            ["single"] = 1.5f,
            ["decimal"] = 0.25m,
            ["memory"] = new ReadOnlyMemory<byte>([9]),
            ["ints"] = new[] { 1, 2 },
            ["strings"] = new List<string> { "a" },
            ["lazy"] = Enumerable.Range(0, 2).Select(i => (object?)i),
            ["readOnly"] = readOnly,
        };

        Convert.ToHexStringLower(MessagePackValue.Encode(value)).Should().Be(
            "8b" + "a3696e74" + "07" + "a462797465" + "ccc8" + "a475696e74" + "ceffffffff" + "a573686f7274" + "d1fed4"
            + "a673696e676c65" + "ca3fc00000" + "a7646563696d616c" + "cb3fd0000000000000" + "a66d656d6f7279" + "c40109"
            + "a4696e7473" + "920102" + "a7737472696e6773" + "91a161" + "a46c617a79" + "920001" + "a8726561644f6e6c79" + "81a16b01");
    }

    [Fact]
    public void Unsupported_types_are_rejected_by_name()
    {
        var act = () => MessagePackValue.Encode(new { A = 1 });

        act.Should().Throw<ArgumentException>().WithMessage("*cannot be encoded as MessagePack*");
    }

    [Fact]
    public void A_tree_that_contains_itself_is_rejected_not_a_stack_overflow()
    {
        var list = new List<object?>();
        list.Add(list);

        var act = () => MessagePackValue.Encode(list);

        act.Should().Throw<ArgumentException>().WithMessage("*deeper than 1000 levels*");
    }

    [Fact]
    public void A_stream_message_round_trips_with_its_key_order()
    {
        var message = new Dictionary<string, object?>
        {
            ["type"] = "array-data",
            ["sequence"] = 2L,
            ["timestamp"] = "2026-08-21T10:15:30.123456",
            ["mimetype"] = "application/octet-stream",
            ["shape"] = new List<object?> { 3L },
            ["offset"] = null,
            ["block"] = null,
            ["payload"] = new byte[] { 4, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0 },
        };

        var encoded = MessagePackValue.Encode(message);
        var decoded = MessagePackValue.Decode(encoded);

        decoded.Should().BeEquivalentTo(message, o => o.RespectingRuntimeTypes().WithStrictOrdering());
        MessagePackValue.Encode(decoded).Should().Equal(encoded);
    }

    [Fact]
    public void Every_boundary_value_round_trips_through_encode_and_decode()
    {
        var values = new List<object?>
        {
            null, true, false, 0L, 127L, 128L, 255L, 256L, 65535L, 65536L, 4294967296L, long.MaxValue, ulong.MaxValue,
            -32L, -33L, -128L, -129L, -32768L, -32769L, long.MinValue, 0.1, double.NaN, double.NegativeInfinity,
            new string('s', 31), new string('s', 32), new string('s', 255), new string('s', 256), new string('s', 65536),
            new byte[255], new byte[256], new byte[65536],
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddTicks(1), DateTimeOffset.MinValue,
            Enumerable.Range(0, 16).Select(i => (object?)(long)i).ToList(),
            Enumerable.Range(0, 65536).ToDictionary(i => $"k{i}", i => (object?)(long)i),
        };

        var decoded = MessagePackValue.Decode(MessagePackValue.Encode(values));

        decoded.Should().BeEquivalentTo(values, o => o.RespectingRuntimeTypes().WithStrictOrdering());
    }

    [Fact]
    public void The_reader_overload_decodes_one_value_and_leaves_the_rest()
    {
        var reader = new MessagePackReader(Bytes("91a17801"));

        var first = MessagePackValue.Decode(ref reader);

        first.Should().BeEquivalentTo(new List<object?> { "x" });
        reader.ReadInt64().Should().Be(1);
        reader.Depth.Should().Be(0);
    }
}
