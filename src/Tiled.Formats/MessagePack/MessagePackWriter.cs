using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// Writes MessagePack values to an <see cref="IBufferWriter{T}"/>. Every value is written in the
/// smallest form the specification allows (integers, strings, binaries, maps, arrays and
/// timestamps), so the output is byte-for-byte the same as that of the reference encoders for the
/// same values. Floating-point values keep the width the caller chose. The writer buffers nothing:
/// each call has advanced the output by the encoded bytes when it returns. The primitive writes
/// allocate no heap memory apart from what the output itself allocates (the JSON conversions
/// allocate only for escaped strings and unusual CLR values). Not thread-safe.
/// </summary>
public sealed class MessagePackWriter(IBufferWriter<byte> output)
{
    /// <summary>Maximum nesting of maps and arrays accepted by the tree-writing methods.</summary>
    public const int MaxDepth = 1000;

    private readonly IBufferWriter<byte> _output = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>Writes nil (0xc0).</summary>
    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    /// <summary>Writes true (0xc3) or false (0xc2).</summary>
    public void WriteBool(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    /// <summary>
    /// Writes an integer in its smallest form: positive fixint or uint8..uint64 for values from 0
    /// up, negative fixint or int8..int64 for negative values.
    /// </summary>
    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
            return;
        }

        var span = _output.GetSpan(9);
        int size;
        if (value >= -32)
        {
            span[0] = unchecked((byte)value);
            size = 1;
        }
        else if (value >= sbyte.MinValue)
        {
            span[0] = MessagePackCode.Int8;
            span[1] = unchecked((byte)value);
            size = 2;
        }
        else if (value >= short.MinValue)
        {
            span[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
            size = 3;
        }
        else if (value >= int.MinValue)
        {
            span[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
            size = 5;
        }
        else
        {
            span[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
            size = 9;
        }

        _output.Advance(size);
    }

    /// <summary>Writes a non-negative integer in its smallest form: positive fixint or uint8..uint64.</summary>
    public void WriteUInt64(ulong value)
    {
        var span = _output.GetSpan(9);
        int size;
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            span[0] = (byte)value;
            size = 1;
        }
        else if (value <= byte.MaxValue)
        {
            span[0] = MessagePackCode.UInt8;
            span[1] = (byte)value;
            size = 2;
        }
        else if (value <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
            size = 3;
        }
        else if (value <= uint.MaxValue)
        {
            span[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
            size = 5;
        }
        else
        {
            span[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
            size = 9;
        }

        _output.Advance(size);
    }

    /// <summary>Writes a float64 (0xcb), whatever the value; NaN and infinities are kept.</summary>
    public void WriteDouble(double value)
    {
        var span = _output.GetSpan(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        _output.Advance(9);
    }

    /// <summary>Writes a float32 (0xca).</summary>
    public void WriteSingle(float value)
    {
        var span = _output.GetSpan(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
        _output.Advance(5);
    }

    /// <summary>Writes a str (fixstr, str8, str16 or str32) holding the UTF-8 encoding of <paramref name="value"/>.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>
    /// Writes a str holding the UTF-8 encoding of <paramref name="value"/>. Unpaired surrogates
    /// become U+FFFD, as with <see cref="Encoding.UTF8"/>.
    /// </summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var headerSize = StringHeaderSize(byteCount);
        var span = _output.GetSpan(headerSize + byteCount);
        WriteStringHeader(span, byteCount);
        var written = Encoding.UTF8.GetBytes(value, span[headerSize..]);
        _output.Advance(headerSize + written);
    }

    /// <summary>Writes a str whose content is <paramref name="utf8"/>, which must already be valid UTF-8 (not checked).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        var headerSize = StringHeaderSize(utf8.Length);
        WriteStringHeader(_output.GetSpan(headerSize), utf8.Length);
        _output.Advance(headerSize);
        WriteRaw(utf8);
    }

    /// <summary>Writes a bin (bin8, bin16 or bin32) holding <paramref name="data"/>.</summary>
    public void WriteBinary(ReadOnlySpan<byte> data)
    {
        WriteBinaryHeader(data.Length);
        WriteRaw(data);
    }

    /// <summary>
    /// Writes only the header of a bin of <paramref name="length"/> bytes; the caller then writes
    /// exactly that many bytes with <see cref="WriteRaw"/> (for payloads held in several buffers).
    /// </summary>
    public void WriteBinaryHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var span = _output.GetSpan(5);
        if (length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
            _output.Advance(2);
        }
        else if (length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            _output.Advance(3);
        }
        else
        {
            span[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            _output.Advance(5);
        }
    }

    /// <summary>Writes the header of a map of <paramref name="count"/> key/value pairs (fixmap, map16 or map32).</summary>
    public void WriteMapHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32);

    /// <summary>Writes the header of an array of <paramref name="count"/> elements (fixarray, array16 or array32).</summary>
    public void WriteArrayHeader(int count) =>
        WriteContainerHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32);

    /// <summary>
    /// Writes a timestamp (extension type -1) in its smallest form: 32-bit when the time is a whole
    /// second from 1970 to 2106, 64-bit for times from 1970 to 2514, 96-bit otherwise. The offset of
    /// <paramref name="value"/> is dropped (timestamps are UTC).
    /// </summary>
    public void WriteTimestamp(DateTimeOffset value)
    {
        var (seconds, nanoseconds) = MessagePackTimestamp.ToUnix(value);
        var span = _output.GetSpan(15);
        if (seconds >> 34 == 0)
        {
            if (nanoseconds == 0 && seconds <= uint.MaxValue)
            {
                span[0] = MessagePackCode.FixExt4;
                span[1] = unchecked((byte)MessagePackCode.TimestampExtension);
                BinaryPrimitives.WriteUInt32BigEndian(span[2..], (uint)seconds);
                _output.Advance(6);
                return;
            }

            span[0] = MessagePackCode.FixExt8;
            span[1] = unchecked((byte)MessagePackCode.TimestampExtension);
            BinaryPrimitives.WriteUInt64BigEndian(span[2..], ((ulong)nanoseconds << 34) | (ulong)seconds);
            _output.Advance(10);
            return;
        }

        span[0] = MessagePackCode.Ext8;
        span[1] = 12;
        span[2] = unchecked((byte)MessagePackCode.TimestampExtension);
        BinaryPrimitives.WriteUInt32BigEndian(span[3..], nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(span[7..], seconds);
        _output.Advance(15);
    }

    /// <summary>Writes an extension value (fixext1..16 when the length fits, else ext8, ext16 or ext32).</summary>
    public void WriteExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        var span = _output.GetSpan(6);
        var fixCode = data.Length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => (byte)0,
        };
        int size;
        if (fixCode != 0)
        {
            span[0] = fixCode;
            size = 1;
        }
        else if (data.Length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)data.Length;
            size = 2;
        }
        else if (data.Length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)data.Length);
            size = 3;
        }
        else
        {
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)data.Length);
            size = 5;
        }

        span[size] = unchecked((byte)typeCode);
        _output.Advance(size + 1);
        WriteRaw(data);
    }

    /// <summary>Copies bytes to the output as they are: pre-encoded MessagePack, or the body announced by <see cref="WriteBinaryHeader"/>.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var span = _output.GetSpan(bytes.Length);
            var count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            _output.Advance(count);
            bytes = bytes[count..];
        }
    }

    /// <summary>
    /// Writes a JSON value as MessagePack: objects become maps with str keys (in document order,
    /// duplicates kept), arrays become arrays, strings str, true/false/null bool and nil. A number
    /// written without fraction or exponent that fits a long becomes an integer, one that fits only
    /// a ulong an unsigned integer; any other number becomes a float64.
    /// </summary>
    public void WriteJson(JsonElement element) => JsonToMessagePack.Write(this, element, 0);

    /// <summary>Writes a <see cref="JsonNode"/> tree with the same rules as <see cref="WriteJson(JsonElement)"/>; null writes nil.</summary>
    public void WriteJson(JsonNode? node) => JsonToMessagePack.Write(this, node, 0);

    private void WriteByte(byte code)
    {
        _output.GetSpan(1)[0] = code;
        _output.Advance(1);
    }

    private void WriteContainerHeader(int count, byte fixCode, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var span = _output.GetSpan(5);
        if (count <= 15)
        {
            span[0] = (byte)(fixCode | count);
            _output.Advance(1);
        }
        else if (count <= ushort.MaxValue)
        {
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
            _output.Advance(3);
        }
        else
        {
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
            _output.Advance(5);
        }
    }

    private static int StringHeaderSize(int byteCount) => byteCount switch
    {
        <= 31 => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    private static void WriteStringHeader(Span<byte> span, int byteCount)
    {
        if (byteCount <= 31)
        {
            span[0] = (byte)(MessagePackCode.MinFixStr | byteCount);
        }
        else if (byteCount <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
        }
        else if (byteCount <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)byteCount);
        }
        else
        {
            span[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)byteCount);
        }
    }
}
