using System.Buffers.Binary;

namespace Tiled.Formats.Arrow.FlatBuffers;

/// <summary>A vector in a FlatBuffer whose elements were checked to lie inside the buffer.</summary>
internal readonly ref struct FlatBufferVector
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _start;
    private readonly int _elementSize;
    private readonly string _what;

    public FlatBufferVector(ReadOnlySpan<byte> buffer, int start, int count, int elementSize, string what)
    {
        _buffer = buffer;
        _start = start;
        Count = count;
        _elementSize = elementSize;
        _what = what;
    }

    public int Count { get; }

    /// <summary>The table that element <paramref name="index"/> (a uoffset) points to.</summary>
    public FlatBufferTable GetTable(int index) =>
        FlatBufferTable.At(_buffer, FlatBufferTable.Follow(_buffer, Element(index), _what), _what);

    /// <summary>The bytes of struct element <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetStruct(int index) => _buffer.Slice(Element(index), _elementSize);

    public long GetInt64(int index) => BinaryPrimitives.ReadInt64LittleEndian(GetStruct(index));

    private int Element(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _start + (index * _elementSize);
    }
}
