using System.Buffers.Binary;
using System.Text;

namespace Tiled.UnitTests.Formats.Arrow.FlatBuffers;

/// <summary>
/// Builds a FlatBuffer back to front, as the reference builder does: children (strings, vectors,
/// tables) are created before the tables that refer to them, and an "offset" names an object by
/// its distance from the end of the buffer. Scalars are aligned to their size relative to the end,
/// and <see cref="Finish"/> pads the front so they are aligned relative to the start as well.
/// Fields equal to a default are still written; vtables are not shared.
/// </summary>
internal sealed class FlatBufferBuilder
{
    private byte[] _buffer = new byte[256];
    private int _space = 256;
    private int _minAlign = 1;
    private int[] _slots = [];
    private int _tableStart = -1;

    /// <summary>Bytes written so far; the offset of the object written last.</summary>
    public int Offset => _buffer.Length - _space;

    public int CreateString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Prep(4, bytes.Length + 1);
        _space -= 1;
        _buffer[_space] = 0;
        _space -= bytes.Length;
        bytes.CopyTo(_buffer, _space);
        PutUInt32((uint)bytes.Length);
        return Offset;
    }

    /// <summary>A vector of references to the objects at <paramref name="offsets"/>, in that order.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        Prep(4, 4 * offsets.Length);
        for (var i = offsets.Length - 1; i >= 0; i--)
        {
            PutUInt32((uint)(Offset + 4 - offsets[i]));
        }

        PutUInt32((uint)offsets.Length);
        return Offset;
    }

    /// <summary>A vector of structs given as their little-endian bytes, <paramref name="elementSize"/> each, aligned to <paramref name="alignment"/>.</summary>
    public int CreateStructVector(ReadOnlySpan<byte> elements, int elementSize, int alignment)
    {
        Prep(4, elements.Length);
        Prep(alignment, elements.Length);
        _space -= elements.Length;
        elements.CopyTo(_buffer.AsSpan(_space));
        PutUInt32((uint)(elements.Length / elementSize));
        return Offset;
    }

    public void StartTable(int slotCount)
    {
        if (_tableStart >= 0)
        {
            throw new InvalidOperationException("Tables cannot be nested while building; build children first.");
        }

        _slots = new int[slotCount];
        _tableStart = Offset;
    }

    public void AddBool(int slot, bool value) => AddByte(slot, value ? (byte)1 : (byte)0);

    public void AddByte(int slot, byte value)
    {
        Prep(1, 0);
        _space -= 1;
        _buffer[_space] = value;
        _slots[slot] = Offset;
    }

    public void AddInt16(int slot, short value)
    {
        Prep(2, 0);
        _space -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
        _slots[slot] = Offset;
    }

    public void AddInt32(int slot, int value)
    {
        Prep(4, 0);
        PutUInt32((uint)value);
        _slots[slot] = Offset;
    }

    public void AddInt64(int slot, long value)
    {
        Prep(8, 0);
        _space -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_space), value);
        _slots[slot] = Offset;
    }

    /// <summary>A reference to the object at <paramref name="offset"/> (created earlier).</summary>
    public void AddOffset(int slot, int offset)
    {
        Prep(4, 0);
        PutUInt32((uint)(Offset + 4 - offset));
        _slots[slot] = Offset;
    }

    public int EndTable()
    {
        Prep(4, 0);
        PutUInt32(0);
        var table = Offset;
        var used = _slots.Length;
        while (used > 0 && _slots[used - 1] == 0)
        {
            used--;
        }

        for (var i = used - 1; i >= 0; i--)
        {
            PutUInt16(_slots[i] == 0 ? (ushort)0 : checked((ushort)(table - _slots[i])));
        }

        PutUInt16(checked((ushort)(table - _tableStart)));
        PutUInt16(checked((ushort)(4 + (2 * used))));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - table), Offset - table);
        _tableStart = -1;
        return table;
    }

    /// <summary>Writes the root reference and returns the finished buffer, whose length is a multiple of its largest alignment.</summary>
    public byte[] Finish(int root)
    {
        Prep(_minAlign, 4);
        PutUInt32((uint)(Offset + 4 - root));
        return _buffer.AsSpan(_space).ToArray();
    }

    // Pads so that after `additional` more bytes the next write of `size` bytes is aligned (from the end).
    private void Prep(int size, int additional)
    {
        _minAlign = Math.Max(_minAlign, size);
        var padding = (-(Offset + additional)) & (size - 1);
        Grow(padding + size + additional);
        _space -= padding;
        _buffer.AsSpan(_space, padding).Clear();
    }

    private void Grow(int needed)
    {
        if (_space >= needed)
        {
            return;
        }

        var used = Offset;
        var larger = new byte[Math.Max(_buffer.Length * 2, used + needed + 64)];
        _buffer.AsSpan(_space).CopyTo(larger.AsSpan(larger.Length - used));
        _buffer = larger;
        _space = larger.Length - used;
    }

    private void PutUInt16(ushort value)
    {
        Grow(2);
        _space -= 2;
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_space), value);
    }

    private void PutUInt32(uint value)
    {
        Grow(4);
        _space -= 4;
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_space), value);
    }
}
