using System.Buffers;
using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

/// <summary>
/// What we rely on in MessagePack-CSharp's <c>MessagePackReader</c> (the bench tool and the
/// tests read with it directly), and the reading rules our <see cref="MessagePackValue"/> adds.
/// </summary>
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
        MessagePackValue.Decode(Bytes(encoded)).Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.StringHeaders), MemberType = typeof(MessagePackWriterTests))]
    public void Strings_read_back_from_every_header_size(int length, string header)
    {
        var bytes = Bytes(header + Repeat("78", length));
        var reader = new MessagePackReader(bytes);

        reader.ReadString().Should().Be(new string('x', length));
        reader.End.Should().BeTrue();
        MessagePackValue.Decode(bytes).Should().Be(new string('x', length));
    }

    [Fact]
    public void Strings_decode_utf8() =>
        MessagePackValue.Decode(Bytes("92" + "a4f09f9880" + "a2c3a9")).Should().BeEquivalentTo(new List<object?> { "😀", "é" });

    [Fact]
    public void Invalid_utf8_in_a_string_is_an_error_not_a_replacement_character()
    {
        var act = () => MessagePackValue.Decode(Bytes("a2c328"));

        act.Should().Throw<MessagePackException>().WithMessage("*offset 0 is not valid UTF-8*");
    }

    [Theory]
    [MemberData(nameof(MessagePackWriterTests.BinaryHeaders), MemberType = typeof(MessagePackWriterTests))]
    public void Binaries_read_back_from_every_header_size(int length, string header)
    {
        var bytes = Bytes(header + Repeat("ab", length));

        MessagePackValue.Decode(bytes).Should().BeOfType<byte[]>().Which.Should().Equal(Enumerable.Repeat((byte)0xab, length));
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
    public void A_sequence_of_several_segments_reads_like_one_block()
    {
        var first = new Segment(Bytes("93a3616263"));
        var last = first.Append(Bytes("cd0100a2c3"));
        var end = last.Append(Bytes("a9"));
        var sequence = new ReadOnlySequence<byte>(first, 0, end, end.Memory.Length);
        var reader = new MessagePackReader(sequence);

        MessagePackValue.Decode(ref reader).Should().BeEquivalentTo(new List<object?> { "abc", 256L, "é" }, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData("ddffffffff")]
    [InlineData("dfffffffff")]
    [InlineData("dbffffffff")]
    [InlineData("c6ffffffff")]
    [InlineData("c9ffffffff01")]
    public void Forged_huge_lengths_are_truncation_errors_not_allocations(string encoded)
    {
        var skip = () => new MessagePackReader(Bytes(encoded)).Skip();
        var decode = () => MessagePackValue.Decode(Bytes(encoded));

        // The library throws OverflowException for counts above int.MaxValue, EndOfStreamException otherwise.
        skip.Should().Throw<Exception>().Where(e => e is EndOfStreamException || e is OverflowException);
        decode.Should().ThrowExactly<MessagePackException>().WithMessage("*truncated*");
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
