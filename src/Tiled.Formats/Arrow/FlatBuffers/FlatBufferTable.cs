using System.Buffers.Binary;
using System.Text;

namespace Tiled.Formats.Arrow.FlatBuffers;

/// <summary>
/// A table in a FlatBuffer, read field by field through its vtable. Every position is checked
/// against the buffer; anything out of range or malformed throws <see cref="ArrowFormatException"/>
/// naming <c>what</c> was being read. Absent fields read as the caller's default.
/// </summary>
internal readonly ref struct FlatBufferTable
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _position;
    private readonly int _vtable;
    private readonly int _vtableLength;
    private readonly string _what;

    private FlatBufferTable(ReadOnlySpan<byte> buffer, int position, int vtable, int vtableLength, string what)
    {
        _buffer = buffer;
        _position = position;
        _vtable = vtable;
        _vtableLength = vtableLength;
        _what = what;
    }

    /// <summary>The root table: the buffer starts with its offset.</summary>
    public static FlatBufferTable Root(ReadOnlySpan<byte> buffer, string what) => At(buffer, Follow(buffer, 0, what), what);

    public static FlatBufferTable At(ReadOnlySpan<byte> buffer, long position, string what)
    {
        Check(buffer, position, 4, what);
        var vtable = position - BinaryPrimitives.ReadInt32LittleEndian(buffer[(int)position..]);
        Check(buffer, vtable, 4, what);
        var vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer[(int)vtable..]);
        var tableLength = BinaryPrimitives.ReadUInt16LittleEndian(buffer[((int)vtable + 2)..]);
        if (vtableLength < 4 || (vtableLength & 1) != 0 || tableLength < 4)
        {
            throw new ArrowFormatException($"The {what} table has a malformed vtable.");
        }

        Check(buffer, vtable, vtableLength, what);
        Check(buffer, position, tableLength, what);
        return new FlatBufferTable(buffer, (int)position, (int)vtable, vtableLength, what);
    }

    public bool Has(int slot) => FieldPosition(slot) != 0;

    public byte GetByte(int slot, byte defaultValue = 0) => Scalar(slot, 1) is var p and not 0 ? _buffer[p] : defaultValue;

    public bool GetBool(int slot) => GetByte(slot) != 0;

    public short GetInt16(int slot, short defaultValue = 0) =>
        Scalar(slot, 2) is var p and not 0 ? BinaryPrimitives.ReadInt16LittleEndian(_buffer[p..]) : defaultValue;

    public int GetInt32(int slot, int defaultValue = 0) =>
        Scalar(slot, 4) is var p and not 0 ? BinaryPrimitives.ReadInt32LittleEndian(_buffer[p..]) : defaultValue;

    public long GetInt64(int slot, long defaultValue = 0) =>
        Scalar(slot, 8) is var p and not 0 ? BinaryPrimitives.ReadInt64LittleEndian(_buffer[p..]) : defaultValue;

    /// <summary>The string in <paramref name="slot"/>, or null when absent; invalid UTF-8 throws.</summary>
    public string? GetString(int slot)
    {
        var field = Scalar(slot, 4);
        if (field == 0)
        {
            return null;
        }

        var start = Follow(_buffer, field, _what);
        Check(_buffer, start, 4, _what);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[(int)start..]);
        Check(_buffer, start + 4, length, _what);
        try
        {
            return s_strictUtf8.GetString(_buffer.Slice((int)start + 4, (int)length));
        }
        catch (DecoderFallbackException e)
        {
            throw new ArrowFormatException($"A string in the {_what} table is not valid UTF-8.", e);
        }
    }

    /// <summary>The table in <paramref name="slot"/>; false when absent.</summary>
    public bool TryGetTable(int slot, string what, out FlatBufferTable table)
    {
        var field = Scalar(slot, 4);
        table = field == 0 ? default : At(_buffer, Follow(_buffer, field, what), what);
        return field != 0;
    }

    /// <summary>The vector in <paramref name="slot"/> of elements <paramref name="elementSize"/> bytes wide; empty when absent.</summary>
    public FlatBufferVector GetVector(int slot, int elementSize, string what)
    {
        var field = Scalar(slot, 4);
        if (field == 0)
        {
            return new FlatBufferVector(_buffer, 0, 0, elementSize, what);
        }

        var start = Follow(_buffer, field, what);
        Check(_buffer, start, 4, what);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[(int)start..]);
        Check(_buffer, start + 4, (long)count * elementSize, what);
        return new FlatBufferVector(_buffer, (int)start + 4, (int)count, elementSize, what);
    }

    /// <summary>The position a uoffset at <paramref name="position"/> points to.</summary>
    internal static long Follow(ReadOnlySpan<byte> buffer, long position, string what)
    {
        Check(buffer, position, 4, what);
        var target = position + BinaryPrimitives.ReadUInt32LittleEndian(buffer[(int)position..]);
        Check(buffer, target, 0, what);
        return target;
    }

    internal static void Check(ReadOnlySpan<byte> buffer, long position, long length, string what)
    {
        if (position < 0 || length < 0 || position + length > buffer.Length)
        {
            throw new ArrowFormatException($"The {what} points outside its {buffer.Length}-byte FlatBuffer.");
        }
    }

    private int FieldPosition(int slot)
    {
        var entry = 4 + (2 * slot);
        if (entry + 2 > _vtableLength)
        {
            return 0;
        }

        var relative = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[(_vtable + entry)..]);
        return relative == 0 ? 0 : _position + relative;
    }

    // The position of a scalar field of `size` bytes that lies wholly inside the buffer, or 0 when absent.
    private int Scalar(int slot, int size)
    {
        var position = FieldPosition(slot);
        if (position != 0)
        {
            Check(_buffer, position, size, _what);
        }

        return position;
    }
}
