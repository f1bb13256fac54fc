using System.Buffers;
using System.Text;
using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

/// <summary>
/// The bytes MessagePack-CSharp's writer (and our extensions on it) produce: the smallest form of
/// every value, as npm @msgpack/msgpack writes it (checked against it in the interop tests).
/// </summary>
public sealed class MessagePackWriterTests
{
    public static TheoryData<long, string> SignedIntegers => new()
    {
        { 0, "00" },
        { 1, "01" },
        { 127, "7f" },
        { 128, "cc80" },
        { 255, "ccff" },
        { 256, "cd0100" },
        { 65535, "cdffff" },
        { 65536, "ce00010000" },
        { uint.MaxValue, "ceffffffff" },
        { 1L << 32, "cf0000000100000000" },
        { long.MaxValue, "cf7fffffffffffffff" },
        { -1, "ff" },
        { -32, "e0" },
        { -33, "d0df" },
        { -128, "d080" },
        { -129, "d1ff7f" },
        { short.MinValue, "d18000" },
        { short.MinValue - 1, "d2ffff7fff" },
        { int.MinValue, "d280000000" },
        { int.MinValue - 1L, "d3ffffffff7fffffff" },
        { long.MinValue, "d38000000000000000" },
    };

    public static TheoryData<ulong, string> UnsignedIntegers => new()
    {
        { 0, "00" },
        { 127, "7f" },
        { 128, "cc80" },
        { 256, "cd0100" },
        { 65536, "ce00010000" },
        { 1UL << 32, "cf0000000100000000" },
        { ulong.MaxValue, "cfffffffffffffffff" },
    };

    public static TheoryData<int, string> StringHeaders => new()
    {
        { 0, "a0" },
        { 31, "bf" },
        { 32, "d920" },
        { 255, "d9ff" },
        { 256, "da0100" },
        { 65535, "daffff" },
        { 65536, "db00010000" },
    };

    public static TheoryData<int, string> BinaryHeaders => new()
    {
        { 0, "c400" },
        { 255, "c4ff" },
        { 256, "c50100" },
        { 65535, "c5ffff" },
        { 65536, "c600010000" },
    };

    public static TheoryData<int, string, string> ContainerHeaders => new()
    {
        { 0, "80", "90" },
        { 15, "8f", "9f" },
        { 16, "de0010", "dc0010" },
        { 65535, "deffff", "dcffff" },
        { 65536, "df00010000", "dd00010000" },
    };

    [Theory]
    [MemberData(nameof(SignedIntegers))]
    public void Signed_integers_use_the_smallest_encoding(long value, string expected) =>
        Hex((ref MessagePackWriter w) => w.Write(value)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(UnsignedIntegers))]
    public void Unsigned_integers_use_the_smallest_encoding(ulong value, string expected) =>
        Hex((ref MessagePackWriter w) => w.Write(value)).Should().Be(expected);

    [Fact]
    public void Nil_and_booleans_are_single_bytes() =>
        Hex((ref MessagePackWriter w) =>
        {
            w.WriteNil();
            w.Write(false);
            w.Write(true);
        }).Should().Be("c0c2c3");

    [Fact]
    public void Doubles_are_always_float64() =>
        Hex((ref MessagePackWriter w) =>
        {
            w.Write(1.5);
            w.Write(2.0);
        }).Should().Be("cb3ff8000000000000" + "cb4000000000000000");

    [Fact]
    public void Singles_are_float32() =>
        Hex((ref MessagePackWriter w) => w.Write(1.5f)).Should().Be("ca3fc00000");

    [Fact]
    public void Non_finite_doubles_are_kept() =>
        Hex((ref MessagePackWriter w) =>
        {
            w.Write(double.PositiveInfinity);
            w.Write(double.NegativeInfinity);
        }).Should().Be("cb7ff0000000000000" + "cbfff0000000000000");

    [Theory]
    [MemberData(nameof(StringHeaders))]
    public void Strings_use_the_smallest_header_for_their_utf8_length(int length, string header)
    {
        var text = new string('x', length);

        Hex((ref MessagePackWriter w) => w.Write(text)).Should().Be(header + Repeat("78", length));
    }

    [Fact]
    public void String_headers_count_utf8_bytes_not_chars()
    {
        // 11 two-byte characters: 22 bytes still fit a fixstr; 16 of them (32 bytes) need str8.
        Hex((ref MessagePackWriter w) => w.Write(new string('é', 11))).Should().Be("b6" + Repeat("c3a9", 11));
        Hex((ref MessagePackWriter w) => w.Write(new string('é', 16))).Should().Be("d920" + Repeat("c3a9", 16));
    }

    [Fact]
    public void Strings_encode_supplementary_characters_as_four_utf8_bytes() =>
        Hex((ref MessagePackWriter w) => w.Write("😀")).Should().Be("a4f09f9880");

    [Fact]
    public void An_unpaired_surrogate_becomes_the_replacement_character() =>
        Hex((ref MessagePackWriter w) => w.Write("\ud800")).Should().Be("a3efbfbd");

    [Fact]
    public void Pre_encoded_utf8_is_written_with_a_string_header() =>
        Hex((ref MessagePackWriter w) => w.WriteString("type"u8)).Should().Be("a474797065");

    [Theory]
    [MemberData(nameof(BinaryHeaders))]
    public void Binaries_use_the_smallest_header(int length, string header)
    {
        var data = Enumerable.Repeat((byte)0xab, length).ToArray();

        Hex((ref MessagePackWriter w) => w.Write(data)).Should().Be(header + Repeat("ab", length));
    }

    [Fact]
    public void A_binary_header_and_raw_body_equal_a_whole_binary()
    {
        var whole = Hex((ref MessagePackWriter w) => w.Write(new byte[] { 1, 2, 3 }));

        Hex((ref MessagePackWriter w) =>
        {
            w.WriteBinHeaderOnly(3);
            w.WriteRaw(new byte[] { 1, 2 });
            w.WriteRaw(new byte[] { 3 });
        }).Should().Be(whole);
    }

    [Theory]
    [MemberData(nameof(ContainerHeaders))]
    public void Map_and_array_headers_use_the_smallest_form(int count, string mapHeader, string arrayHeader)
    {
        Hex((ref MessagePackWriter w) => w.WriteMapHeader(count)).Should().Be(mapHeader);
        Hex((ref MessagePackWriter w) => w.WriteArrayHeader(count)).Should().Be(arrayHeader);
    }

    [Fact]
    public void A_negative_header_only_length_is_rejected()
    {
        var act = () => Hex((ref MessagePackWriter w) => w.WriteBinHeaderOnly(-1));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_header_only_bin_asks_the_output_for_the_header_bytes_only()
    {
        var output = new RecordingBufferWriter();
        var writer = new MessagePackWriter(output);

        writer.WriteBinHeaderOnly(16 << 20);
        writer.Flush();

        output.LargestRequest.Should().BeLessThan(64 * 1024);
        Convert.ToHexStringLower(output.Written.WrittenSpan).Should().Be("c601000000");
    }

    [Fact]
    public void Extensions_use_fixext_for_the_fixed_sizes_and_ext8_otherwise()
    {
        Hex((ref MessagePackWriter w) => w.WriteExtensionFormat(new ExtensionResult(5, new byte[] { 1 }))).Should().Be("d40501");
        Hex((ref MessagePackWriter w) => w.WriteExtensionFormat(new ExtensionResult(5, new byte[16]))).Should().Be("d805" + Repeat("00", 16));
        Hex((ref MessagePackWriter w) => w.WriteExtensionFormat(new ExtensionResult(-2, new byte[] { 1, 2, 3 }))).Should().Be("c703fe010203");
        Hex((ref MessagePackWriter w) => w.WriteExtensionFormat(new ExtensionResult(5, new byte[256]))).Should().Be("c8010005" + Repeat("00", 256));
    }

    [Fact]
    public void Writing_values_allocates_nothing_beyond_the_output_buffer()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        var payload = new byte[300];
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        void WriteAll()
        {
            buffer.ResetWrittenCount();
            var writer = new MessagePackWriter(buffer);
            writer.WriteMapHeader(6);
            writer.Write("type");
            writer.Write("array-data with a longer string of more than 32 bytes");
            writer.WriteString("sequence"u8);
            writer.Write(-123_456_789_012);
            writer.Write("shape");
            writer.WriteArrayHeader(2);
            writer.Write(ulong.MaxValue);
            writer.Write(0.5);
            writer.Write("payload");
            writer.Write(payload.AsSpan());
            writer.Write("timestamp");
            writer.WriteTimestamp(time);
            writer.Write("é");
            writer.WriteNil();
            writer.Flush();
        }

        WriteAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
    }

    [Fact]
    public void Strings_are_encoded_exactly_as_utf8()
    {
        const string text = "Grüße, 世界 — 🌍";

        Hex((ref MessagePackWriter w) => w.Write(text)).Should().Be("b8" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that records the largest size asked of it.</summary>
    private sealed class RecordingBufferWriter : IBufferWriter<byte>
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public int LargestRequest { get; private set; }

        public void Advance(int count) => Written.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            LargestRequest = Math.Max(LargestRequest, sizeHint);
            return Written.GetMemory(sizeHint);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
