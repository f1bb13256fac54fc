using System.Buffers;
using System.Globalization;
using FluentAssertions;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

public sealed class MessagePackReaderTests
{
    [Theory]
    [MemberData(nameof(MessagePackWriterTests.SignedIntegers), MemberType = typeof(MessagePackWriterTests))]
    public void Signed_integers_read_back_from_their_smallest_encoding(long value, string encoded)
    {
        var reader = new MessagePackReader(Bytes(encoded));

        reader.ReadInt64().Should().Be(value);
        reader.End.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.UnsignedIntegers), MemberType = typeof(MessagePackWriterTests))]
    public void Unsigned_integers_read_back_from_their_smallest_encoding(ulong value, string encoded)
    {
        var reader = new MessagePackReader(Bytes(encoded));

        reader.ReadUInt64().Should().Be(value);
    }

    [Theory]
    [InlineData("d000", 0)]
    [InlineData("d17fff", 32767)]
    [InlineData("cf0000000000000001", 1)]
    [InlineData("d3ffffffffffffffff", -1)]
    [InlineData("ce00000080", 128)]
    public void Integers_in_wider_encodings_than_needed_are_accepted(string encoded, long value)
    {
        var reader = new MessagePackReader(Bytes(encoded));

        reader.ReadInt64().Should().Be(value);
    }

    [Fact]
    public void A_uint64_above_long_max_does_not_read_as_signed()
    {
        var act = () => new MessagePackReader(Bytes("cf8000000000000000")).ReadInt64();

        act.Should().Throw<MessagePackException>().WithMessage("*9223372036854775808*does not fit*");
    }

    [Fact]
    public void A_negative_integer_does_not_read_as_unsigned()
    {
        var act = () => new MessagePackReader(Bytes("ff")).ReadUInt64();

        act.Should().Throw<MessagePackException>().WithMessage("*-1*negative*");
    }

    [Theory]
    [InlineData("ce80000000")]
    [InlineData("d3ffffffff7fffffff")]
    public void Int32_reads_reject_values_outside_its_range(string encoded)
    {
        var act = () => new MessagePackReader(Bytes(encoded)).ReadInt32();

        act.Should().Throw<MessagePackException>().WithMessage("*does not fit a 32-bit integer*");
    }

    [Fact]
    public void Doubles_read_float64_float32_and_integers()
    {
        var reader = new MessagePackReader(Bytes("cb3ff8000000000000" + "ca3fc00000" + "d0fe" + "cfffffffffffffffff"));

        reader.ReadDouble().Should().Be(1.5);
        reader.ReadDouble().Should().Be(1.5);
        reader.ReadDouble().Should().Be(-2);
        reader.ReadDouble().Should().Be(ulong.MaxValue);
    }

    [Fact]
    public void Singles_read_float32_exactly()
    {
        var reader = new MessagePackReader(Bytes(Hex(w => w.WriteSingle(0.1f))));

        reader.ReadSingle().Should().Be(0.1f);
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.StringHeaders), MemberType = typeof(MessagePackWriterTests))]
    public void Strings_read_back_from_every_header_size(int length, string header)
    {
        var reader = new MessagePackReader(Bytes(header + Repeat("78", length)));

        reader.ReadString().Should().Be(new string('x', length));
        reader.End.Should().BeTrue();
    }

    [Fact]
    public void Strings_decode_utf8()
    {
        var reader = new MessagePackReader(Bytes("a4f09f9880" + "a2c3a9"));

        reader.ReadString().Should().Be("😀");
        reader.ReadStringUtf8().ToArray().Should().Equal(0xc3, 0xa9);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_an_error()
    {
        var act = () => new MessagePackReader(Bytes("a2c328")).ReadString();

        act.Should().Throw<MessagePackException>().WithMessage("*offset 0 is not valid UTF-8*");
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.BinaryHeaders), MemberType = typeof(MessagePackWriterTests))]
    public void Binaries_read_back_from_every_header_size(int length, string header)
    {
        var reader = new MessagePackReader(Bytes(header + Repeat("ab", length)));

        var data = reader.ReadBinary();

        data.ToArray().Should().Equal(Enumerable.Repeat((byte)0xab, length));
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.ContainerHeaders), MemberType = typeof(MessagePackWriterTests))]
    public void Map_and_array_headers_read_back_when_their_entries_follow(int count, string mapHeader, string arrayHeader)
    {
        var map = new MessagePackReader(Bytes(mapHeader + Repeat("c0", 2 * count)));
        var array = new MessagePackReader(Bytes(arrayHeader + Repeat("c0", count)));

        map.ReadMapHeader().Should().Be(count);
        array.ReadArrayHeader().Should().Be(count);
    }

    [Fact]
    public void Next_type_peeks_without_reading()
    {
        var reader = new MessagePackReader(Bytes("c0c3" + "7f" + "cb0000000000000000" + "a0" + "c400" + "90" + "80" + "d40100"));
        var types = new List<MessagePackType>();
        while (!reader.End)
        {
            types.Add(reader.NextType);
            reader.Skip();
        }

        types.Should().Equal(
            MessagePackType.Nil, MessagePackType.Boolean, MessagePackType.Integer, MessagePackType.Float, MessagePackType.String,
            MessagePackType.Binary, MessagePackType.Array, MessagePackType.Map, MessagePackType.Extension);
    }

    [Fact]
    public void Try_read_nil_reads_only_nil()
    {
        var reader = new MessagePackReader(Bytes("c0c3"));

        reader.TryReadNil().Should().BeTrue();
        reader.TryReadNil().Should().BeFalse();
        reader.ReadBool().Should().BeTrue();
        reader.Consumed.Should().Be(2);
    }

    [Fact]
    public void Skip_passes_over_a_whole_nested_value()
    {
        var reader = new MessagePackReader(Bytes("82a16192c0c4020102a162d6ff00000001" + "2a"));

        reader.Skip();

        reader.ReadInt64().Should().Be(42);
    }

    [Fact]
    public void Skip_survives_nesting_far_deeper_than_the_stack_would()
    {
        var bytes = Bytes(Repeat("91", 200_000) + "c0");
        var reader = new MessagePackReader(bytes);

        reader.Skip();

        reader.End.Should().BeTrue();
    }

    [Fact]
    public void Read_raw_returns_the_encoded_bytes_of_one_value()
    {
        var reader = new MessagePackReader(Bytes("92017f" + "c3"));

        Convert.ToHexStringLower(reader.ReadRaw()).Should().Be("92017f");
        reader.ReadBool().Should().BeTrue();
    }

    [Fact]
    public void Extensions_return_their_type_and_data()
    {
        var reader = new MessagePackReader(Bytes("c703fe010203"));

        var data = reader.ReadExtension(out var typeCode);

        typeCode.Should().Be(-2);
        data.ToArray().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_sequence_of_several_segments_reads_like_one_span()
    {
        var first = new Segment(Bytes("92a3616263"));
        var last = first.Append(Bytes("cd0100"));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        var reader = new MessagePackReader(sequence);

        reader.ReadArrayHeader().Should().Be(2);
        reader.ReadString().Should().Be("abc");
        reader.ReadInt64().Should().Be(256);
    }

    [Theory]
    [InlineData("01", "string", "Expected a string at offset 0 but found integer (0x01).")]
    [InlineData("a0", "integer", "Expected an integer at offset 0 but found string (0xa0).")]
    [InlineData("c1", "map", "Expected a map at offset 0 but found the never-used format byte (0xc1).")]
    public void Type_mismatches_name_what_was_expected_and_found(string encoded, string reading, string message)
    {
        var act = () =>
        {
            var reader = new MessagePackReader(Bytes(encoded));
            _ = reading switch
            {
                "string" => reader.ReadString(),
                "integer" => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
                _ => reader.ReadMapHeader().ToString(CultureInfo.InvariantCulture),
            };
        };

        act.Should().Throw<MessagePackException>().WithMessage(message);
    }

    [Fact]
    public void Reading_past_the_end_is_a_truncation_error()
    {
        var act = () => new MessagePackReader([]).ReadNil();

        act.Should().Throw<MessagePackException>().WithMessage("*truncated*");
    }

    [Theory]
    [InlineData("ddffffffff")]
    [InlineData("dfffffffff")]
    [InlineData("dbffffffff")]
    [InlineData("c6ffffffff")]
    [InlineData("c9ffffffff01")]
    public void Forged_huge_lengths_are_truncation_errors_not_allocations(string encoded)
    {
        var act = () => new MessagePackReader(Bytes(encoded)).Skip();

        act.Should().Throw<MessagePackException>().WithMessage("*truncated*");
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data) => Memory = data;

        public Segment Append(byte[] data)
        {
            var next = new Segment(data) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
