using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Our columns to Apache.Arrow's <see cref="ArrayData"/> and back, sharing the buffers both ways.
/// Every column read is built through <see cref="ArrowColumn"/>'s checked factories, so lengths,
/// offsets, null counts and dictionary indices of hostile input are refused before anyone reads them.
/// </summary>
internal static class ApacheColumns
{
    public static Apache.Arrow.RecordBatch ToApache(Schema schema, RecordBatch batch) =>
        new(schema, batch.Columns.Select(c => ArrowArrayFactory.BuildArray(ToApache(c))), batch.Length);

    /// <summary>
    /// The columns of <paramref name="batch"/>, checked. They share its buffers where those are
    /// managed arrays; buffers in native memory (imported from Arrow C++, or from the library's
    /// default allocator) are copied, since that memory is freed when the batch is released or
    /// finalized, whatever still refers to it.
    /// </summary>
    public static RecordBatch FromApache(ArrowSchema schema, Apache.Arrow.RecordBatch batch)
    {
        var columns = new ArrowColumn[schema.Fields.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            try
            {
                columns[i] = FromApache(schema.Fields[i].Type, batch.Column(i).Data);
            }
            catch (ArrowFormatException ex)
            {
                throw new ArrowFormatException($"Column '{schema.Fields[i].Name}': {ex.Message}", ex);
            }
        }

        // The copies of native buffers are taken while the batch, whose finalizers free them, is alive.
        GC.KeepAlive(batch);
        return new RecordBatch(batch.Length, columns);
    }

    public static ArrayData ToApache(ArrowColumn column)
    {
        var type = ApacheSchemas.ToApache(column.Type);
        var validity = new ArrowBuffer(Realigned(column.Validity, column.BitOffset, column.Length, column.NullCount != 0));
        return column.Type.Id switch
        {
            ArrowTypeId.Bool => new ArrayData(type, column.Length, column.NullCount, 0, [validity, new ArrowBuffer(Realigned(column.Values, column.BitOffset, column.Length, true))]),
            ArrowTypeId.List => ListData(type, column, validity),
            ArrowTypeId.Struct => new ArrayData(type, column.Length, column.NullCount, 0, [validity], [.. column.Children.Select(ToApache)]),
            ArrowTypeId.Dictionary => new ArrayData(type, column.Length, column.NullCount, 0, [validity, new ArrowBuffer(column.Values)], [], ToApache(column.Dictionary!)),
            _ when column.Type.IsVariableLength => VariableLengthData(type, column, validity),
            _ => new ArrayData(type, column.Length, column.NullCount, 0, [validity, new ArrowBuffer(column.Values)]),
        };
    }

    // Writers take offsets from 0: a sliced column's offsets are rebased and its values cut to the slice.
    private static ArrayData VariableLengthData(IArrowType type, ArrowColumn column, ArrowBuffer validity)
    {
        var (offsets, start, end) = Rebased(column);
        return new ArrayData(type, column.Length, column.NullCount, 0, [validity, new ArrowBuffer(offsets), new ArrowBuffer(column.Values[start..end])]);
    }

    private static ArrayData ListData(IArrowType type, ArrowColumn column, ArrowBuffer validity)
    {
        var (offsets, start, end) = Rebased(column);
        return new ArrayData(type, column.Length, column.NullCount, 0, [validity, new ArrowBuffer(offsets)], [ToApache(column.Children[0].Slice(start, end - start))]);
    }

    private static (ReadOnlyMemory<byte> Offsets, int Start, int End) Rebased(ArrowColumn column)
    {
        var width = column.Type.OffsetWidth;
        if (column.Offsets.IsEmpty)
        {
            return (new byte[width], 0, 0);
        }

        var source = column.Offsets.Span;
        var start = (int)ArrowOffsets.Read(source, width, 0);
        var end = (int)ArrowOffsets.Read(source, width, column.Length);
        if (start == 0)
        {
            return (column.Offsets, 0, end);
        }

        var rebased = new byte[(column.Length + 1) * width];
        for (var i = 0; i <= column.Length; i++)
        {
            var value = ArrowOffsets.Read(source, width, i) - start;
            if (width == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(rebased.AsSpan(i * 4), (int)value);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(rebased.AsSpan(i * 8), value);
            }
        }

        return (rebased, start, end);
    }

    public static ArrowColumn FromApache(ArrowType type, ArrayData data)
    {
        if (data.Offset != 0)
        {
            throw new ArrowFormatException($"A {type} column starts at element {data.Offset}; IPC columns start at 0.");
        }

        var buffers = data.Buffers;
        var nullCount = data.NullCount < 0 ? data.GetNullCount() : data.NullCount;
        switch (type.Id)
        {
            case ArrowTypeId.List:
                return ArrowColumn.FromChildren(type, data.Length, nullCount, Buffer(buffers, 0), Buffer(buffers, 1), [FromApache(type.Children[0].Type, Child(data, 0))]);
            case ArrowTypeId.Struct:
                return ArrowColumn.FromChildren(
                    type, data.Length, nullCount, Buffer(buffers, 0), ReadOnlyMemory<byte>.Empty, [.. type.Children.Select((f, i) => FromApache(f.Type, Child(data, i)))]);
            case ArrowTypeId.Dictionary:
                var dictionary = data.Dictionary ?? throw new ArrowFormatException($"A {type} column has no dictionary batch.");
                return ArrowColumn.FromDictionary(type, data.Length, nullCount, Buffer(buffers, 0), Buffer(buffers, 1), FromApache(type.ValueType!, dictionary));
            case var _ when type.IsVariableLength:
                return ArrowColumn.FromBuffers(type, data.Length, nullCount, Buffer(buffers, 0), Buffer(buffers, 1), Buffer(buffers, 2));
            default:
                return ArrowColumn.FromBuffers(type, data.Length, nullCount, Buffer(buffers, 0), ReadOnlyMemory<byte>.Empty, Buffer(buffers, 1));
        }
    }

    private static ReadOnlyMemory<byte> Buffer(ArrowBuffer[] buffers, int index) =>
        index >= buffers.Length ? ReadOnlyMemory<byte>.Empty
        : MemoryMarshal.TryGetArray(buffers[index].Memory, out _) ? buffers[index].Memory
        : buffers[index].Memory.ToArray();

    /// <summary>The bytes of every buffer of <paramref name="data"/>, its children's and its dictionary's.</summary>
    public static long BufferBytes(ArrayData data) =>
        (data.Buffers?.Sum(b => (long)b.Length) ?? 0) + (data.Children?.Sum(BufferBytes) ?? 0) + (data.Dictionary is { } d ? BufferBytes(d) : 0);

    private static ArrayData Child(ArrayData data, int index) =>
        index < data.Children.Length ? data.Children[index] : throw new ArrowFormatException($"A {data.DataType.Name} column lacks child column {index}.");

    // A bitmap of a sliced column may start at bit 1-7 of its first byte; IPC bitmaps start at bit 0.
    private static ReadOnlyMemory<byte> Realigned(ReadOnlyMemory<byte> bitmap, int bitOffset, int length, bool used)
    {
        if (!used || bitmap.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        return bitOffset == 0 ? bitmap : ArrowBitmap.Copy(bitmap.Span, bitOffset, length);
    }
}
