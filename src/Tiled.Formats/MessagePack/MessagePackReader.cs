using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// Reads MessagePack values one after another from a span. Each read checks the type of the next
/// value and that all its bytes are present; on failure it throws <see cref="MessagePackException"/>
/// naming the byte offset, and the reader's position is then unspecified. Integer reads accept any
/// integer encoding whose value fits the requested type. Only string reads allocate (the string).
/// </summary>
public ref struct MessagePackReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Reads from <paramref name="buffer"/>, starting at its first byte.</summary>
    public MessagePackReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Reads from <paramref name="sequence"/>; a sequence of several segments is first copied into one array.</summary>
    public MessagePackReader(in ReadOnlySequence<byte> sequence)
        : this(sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray())
    {
    }

    /// <summary>Number of bytes read so far.</summary>
    public readonly int Consumed => _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _position >= _buffer.Length;

    /// <summary>The type of the next value, without reading it; throws when no bytes are left.</summary>
    public readonly MessagePackType NextType
    {
        get
        {
            Need(1);
            return MessagePackCode.TypeOf(_buffer[_position]);
        }
    }

    /// <summary>Reads nil if it comes next and returns true; otherwise reads nothing and returns false.</summary>
    public bool TryReadNil()
    {
        Need(1);
        if (_buffer[_position] != MessagePackCode.Nil)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>Reads nil.</summary>
    public void ReadNil()
    {
        if (!TryReadNil())
        {
            throw Unexpected("nil");
        }
    }

    /// <summary>Reads true or false.</summary>
    public bool ReadBool()
    {
        Need(1);
        var code = _buffer[_position];
        if (code is not (MessagePackCode.True or MessagePackCode.False))
        {
            throw Unexpected("a boolean");
        }

        _position++;
        return code == MessagePackCode.True;
    }

    /// <summary>Reads an integer of any encoding; throws when it is above <see cref="long.MaxValue"/>.</summary>
    public long ReadInt64()
    {
        var start = _position;
        var (value, isLarge) = ReadInteger();
        if (isLarge)
        {
            throw new MessagePackException($"Integer {(ulong)value} at offset {start} does not fit a signed 64-bit integer.");
        }

        return value;
    }

    /// <summary>Reads an integer of any encoding; throws when it is negative.</summary>
    public ulong ReadUInt64()
    {
        var start = _position;
        var (value, isLarge) = ReadInteger();
        if (!isLarge && value < 0)
        {
            throw new MessagePackException($"Integer {value} at offset {start} is negative where an unsigned integer was expected.");
        }

        return (ulong)value;
    }

    /// <summary>Reads an integer of any encoding; throws when it does not fit an <see cref="int"/>.</summary>
    public int ReadInt32()
    {
        var start = _position;
        var value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new MessagePackException($"Integer {value} at offset {start} does not fit a 32-bit integer.");
        }

        return (int)value;
    }

    /// <summary>Reads a float64, a float32 (widened exactly) or an integer (converted).</summary>
    public double ReadDouble()
    {
        Need(1);
        switch (_buffer[_position])
        {
            case MessagePackCode.Float64:
                Need(9);
                var value = BinaryPrimitives.ReadDoubleBigEndian(_buffer.Slice(_position + 1, 8));
                _position += 9;
                return value;
            case MessagePackCode.Float32:
                Need(5);
                var single = BinaryPrimitives.ReadSingleBigEndian(_buffer.Slice(_position + 1, 4));
                _position += 5;
                return single;
            default:
                if (NextType != MessagePackType.Integer)
                {
                    throw Unexpected("a number");
                }

                var (integer, isLarge) = ReadInteger();
                return isLarge ? (ulong)integer : integer;
        }
    }

    /// <summary>Reads a float32, or a float64 or integer rounded to the nearest float32.</summary>
    public float ReadSingle() => (float)ReadDouble();

    /// <summary>Reads a str and decodes it; invalid UTF-8 is an error.</summary>
    public string ReadString()
    {
        var start = _position;
        var utf8 = ReadStringUtf8();
        try
        {
            return s_strictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new MessagePackException($"String at offset {start} is not valid UTF-8.", e);
        }
    }

    /// <summary>Reads a str and returns its raw UTF-8 bytes (a view of the input, not checked).</summary>
    public ReadOnlySpan<byte> ReadStringUtf8()
    {
        Need(1);
        var code = _buffer[_position];
        int headerSize;
        long length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            (headerSize, length) = (1, code & 0x1f);
        }
        else if (code == MessagePackCode.Str8)
        {
            (headerSize, length) = (2, ReadLength(1));
        }
        else if (code == MessagePackCode.Str16)
        {
            (headerSize, length) = (3, ReadLength(2));
        }
        else if (code == MessagePackCode.Str32)
        {
            (headerSize, length) = (5, ReadLength(4));
        }
        else
        {
            throw Unexpected("a string");
        }

        return TakeBody(headerSize, length);
    }

    /// <summary>Reads a bin and returns its bytes (a view of the input).</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        Need(1);
        var (headerSize, length) = _buffer[_position] switch
        {
            MessagePackCode.Bin8 => (2, ReadLength(1)),
            MessagePackCode.Bin16 => (3, ReadLength(2)),
            MessagePackCode.Bin32 => (5, ReadLength(4)),
            _ => throw Unexpected("binary data"),
        };
        return TakeBody(headerSize, length);
    }

    /// <summary>Reads a map header and returns the number of key/value pairs that follow.</summary>
    public int ReadMapHeader()
    {
        Need(1);
        var code = _buffer[_position];
        var (headerSize, count) = code switch
        {
            >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap => (1, code & 0x0f),
            MessagePackCode.Map16 => (3, ReadLength(2)),
            MessagePackCode.Map32 => (5, ReadLength(4)),
            _ => throw Unexpected("a map"),
        };
        return TakeContainerHeader(headerSize, count, 2);
    }

    /// <summary>Reads an array header and returns the number of elements that follow.</summary>
    public int ReadArrayHeader()
    {
        Need(1);
        var code = _buffer[_position];
        var (headerSize, count) = code switch
        {
            >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray => (1, code & 0x0f),
            MessagePackCode.Array16 => (3, ReadLength(2)),
            MessagePackCode.Array32 => (5, ReadLength(4)),
            _ => throw Unexpected("an array"),
        };
        return TakeContainerHeader(headerSize, count, 1);
    }

    /// <summary>Reads an extension value and returns its data; <paramref name="typeCode"/> receives its type.</summary>
    public ReadOnlySpan<byte> ReadExtension(out sbyte typeCode)
    {
        Need(1);
        var (headerSize, length) = _buffer[_position] switch
        {
            MessagePackCode.FixExt1 => (2, 1L),
            MessagePackCode.FixExt2 => (2, 2L),
            MessagePackCode.FixExt4 => (2, 4L),
            MessagePackCode.FixExt8 => (2, 8L),
            MessagePackCode.FixExt16 => (2, 16L),
            MessagePackCode.Ext8 => (3, ReadLength(1)),
            MessagePackCode.Ext16 => (4, ReadLength(2)),
            MessagePackCode.Ext32 => (6, ReadLength(4)),
            _ => throw Unexpected("an extension"),
        };
        Need(headerSize);
        typeCode = unchecked((sbyte)_buffer[_position + headerSize - 1]);
        return TakeBody(headerSize, length);
    }

    /// <summary>
    /// Reads a timestamp (extension type -1, in its 32-, 64- or 96-bit form) as a UTC time.
    /// Nanoseconds below 100 are truncated; times outside years 1..9999 are an error.
    /// </summary>
    public DateTimeOffset ReadTimestamp()
    {
        var start = _position;
        if (NextType != MessagePackType.Extension)
        {
            throw Unexpected("a timestamp");
        }

        var data = ReadExtension(out var typeCode);
        if (typeCode != MessagePackCode.TimestampExtension)
        {
            throw new MessagePackException($"Extension at offset {start} has type {typeCode}, not the timestamp type -1.");
        }

        return DecodeTimestamp(data, start);
    }

    /// <summary>Skips the next value, including everything nested in it.</summary>
    public void Skip()
    {
        // Iterative, so deeply nested input cannot exhaust the stack.
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            switch (NextType)
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    _position++;
                    break;
                case MessagePackType.Integer:
                    ReadInteger();
                    break;
                case MessagePackType.Float:
                    ReadDouble();
                    break;
                case MessagePackType.String:
                    ReadStringUtf8();
                    break;
                case MessagePackType.Binary:
                    ReadBinary();
                    break;
                case MessagePackType.Extension:
                    ReadExtension(out _);
                    break;
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                default:
                    throw Unexpected("a value");
            }
        }
    }

    /// <summary>Reads the next value whole and returns its encoded bytes (a view of the input).</summary>
    public ReadOnlySpan<byte> ReadRaw()
    {
        var start = _position;
        Skip();
        return _buffer[start.._position];
    }

    internal static DateTimeOffset DecodeTimestamp(ReadOnlySpan<byte> data, int offset)
    {
        switch (data.Length)
        {
            case 4:
                return MessagePackTimestamp.FromUnix(BinaryPrimitives.ReadUInt32BigEndian(data), 0, offset);
            case 8:
                var packed = BinaryPrimitives.ReadUInt64BigEndian(data);
                return MessagePackTimestamp.FromUnix((long)(packed & 0x3_ffff_ffffUL), (uint)(packed >> 34), offset);
            case 12:
                var nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                return MessagePackTimestamp.FromUnix(BinaryPrimitives.ReadInt64BigEndian(data[4..]), nanoseconds, offset);
            default:
                throw new MessagePackException($"Timestamp at offset {offset} has {data.Length} bytes; only 4, 8 and 12 are valid.");
        }
    }

    /// <summary>Reads any integer; <c>IsLarge</c> marks a uint64 above <see cref="long.MaxValue"/> (returned bit-cast).</summary>
    internal (long Value, bool IsLarge) ReadInteger()
    {
        Need(1);
        var code = _buffer[_position];
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            return (code, false);
        }

        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            _position++;
            return (unchecked((sbyte)code), false);
        }

        var size = code switch
        {
            MessagePackCode.UInt8 or MessagePackCode.Int8 => 1,
            MessagePackCode.UInt16 or MessagePackCode.Int16 => 2,
            MessagePackCode.UInt32 or MessagePackCode.Int32 => 4,
            MessagePackCode.UInt64 or MessagePackCode.Int64 => 8,
            _ => throw Unexpected("an integer"),
        };
        Need(1 + size);
        var body = _buffer.Slice(_position + 1, size);
        _position += 1 + size;
        return code switch
        {
            MessagePackCode.UInt8 => (body[0], false),
            MessagePackCode.UInt16 => (BinaryPrimitives.ReadUInt16BigEndian(body), false),
            MessagePackCode.UInt32 => (BinaryPrimitives.ReadUInt32BigEndian(body), false),
            MessagePackCode.UInt64 => (BinaryPrimitives.ReadInt64BigEndian(body), body[0] >= 0x80),
            MessagePackCode.Int8 => (unchecked((sbyte)body[0]), false),
            MessagePackCode.Int16 => (BinaryPrimitives.ReadInt16BigEndian(body), false),
            MessagePackCode.Int32 => (BinaryPrimitives.ReadInt32BigEndian(body), false),
            _ => (BinaryPrimitives.ReadInt64BigEndian(body), false),
        };
    }

    /// <summary>Reads the big-endian length field of <paramref name="size"/> bytes that follows the format byte.</summary>
    private readonly long ReadLength(int size)
    {
        Need(1 + size);
        var field = _buffer.Slice(_position + 1, size);
        return size switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            _ => BinaryPrimitives.ReadUInt32BigEndian(field),
        };
    }

    private ReadOnlySpan<byte> TakeBody(int headerSize, long length)
    {
        Need(headerSize + length);
        var body = _buffer.Slice(_position + headerSize, (int)length);
        _position += headerSize + (int)length;
        return body;
    }

    private int TakeContainerHeader(int headerSize, long count, int minimumBytesPerItem)
    {
        Need(headerSize);
        // Every element needs at least one byte; checking now keeps a forged count from driving allocations.
        var available = _buffer.Length - _position - headerSize;
        if (count * minimumBytesPerItem > available)
        {
            throw new MessagePackException(
                $"MessagePack data is truncated: the container at offset {_position} announces {count} entries but only {available} bytes follow.");
        }

        _position += headerSize;
        return (int)count;
    }

    private readonly void Need(long count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new MessagePackException(
                $"MessagePack data is truncated: {count} bytes needed at offset {_position} but {_buffer.Length - _position} remain.");
        }
    }

    private readonly MessagePackException Unexpected(string expected)
    {
        var code = _buffer[_position];
        var found = MessagePackCode.TypeOf(code) switch
        {
            MessagePackType.Unknown => "the never-used format byte",
            var type => type.ToString().ToLowerInvariant(),
        };
        return new MessagePackException($"Expected {expected} at offset {_position} but found {found} (0x{code:x2}).");
    }
}
