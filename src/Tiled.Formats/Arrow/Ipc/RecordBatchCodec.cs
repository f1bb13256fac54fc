using System.Buffers.Binary;
using Tiled.Formats.Arrow.FlatBuffers;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// The <c>RecordBatch</c> header of Message.fbs and its body. Each column has one field node and
/// two buffers (validity, values) or, for variable-length types, three (validity, offsets, data).
/// </summary>
internal static class RecordBatchCodec
{
    private const int StructSize = 16;
    private static readonly ReadOnlyMemory<byte> s_zeros = new byte[8];

    public static RecordBatch Decode(FlatBufferTable header, ArrowSchema schema, ReadOnlyMemory<byte> body)
    {
        var length = header.GetInt64(0);
        if (length < 0)
        {
            throw new ArrowFormatException($"A record batch has negative length {length}.");
        }

        if (length > int.MaxValue)
        {
            throw new ArrowNotSupportedException($"A record batch has {length} rows; at most {int.MaxValue} are supported.");
        }

        if (header.Has(3))
        {
            throw new ArrowNotSupportedException("The record batch body is compressed (LZ4/ZSTD), which is not supported.");
        }

        var nodes = header.GetVector(1, StructSize, "record batch nodes");
        var buffers = header.GetVector(2, StructSize, "record batch buffers");
        var expectedBuffers = schema.Fields.Sum(f => f.Type.IsVariableLength ? 3 : 2);
        if (nodes.Count != schema.Fields.Count || buffers.Count != expectedBuffers)
        {
            throw new ArrowFormatException(
                $"A record batch has {nodes.Count} field nodes and {buffers.Count} buffers; the schema needs {schema.Fields.Count} and {expectedBuffers}.");
        }

        var columns = new ArrowColumn[schema.Fields.Count];
        var next = 0;
        for (var i = 0; i < columns.Length; i++)
        {
            var field = schema.Fields[i];
            var node = nodes.GetStruct(i);
            var nodeLength = BinaryPrimitives.ReadInt64LittleEndian(node);
            var nullCount = BinaryPrimitives.ReadInt64LittleEndian(node[8..]);
            if (nodeLength != length || nullCount < 0 || nullCount > length)
            {
                throw new ArrowFormatException($"Column '{field.Name}' has length {nodeLength} and {nullCount} nulls in a batch of {length} rows.");
            }

            var validity = Buffer(buffers, next++, body, field.Name);
            var offsets = field.Type.IsVariableLength ? Buffer(buffers, next++, body, field.Name) : ReadOnlyMemory<byte>.Empty;
            var values = Buffer(buffers, next++, body, field.Name);
            try
            {
                columns[i] = ArrowColumn.FromBuffers(field.Type, (int)length, (int)nullCount, validity, offsets, values);
            }
            catch (ArrowFormatException e)
            {
                throw new ArrowFormatException($"Column '{field.Name}': {e.Message}", e);
            }
        }

        return new RecordBatch((int)length, columns);
    }

    public static EncodedMessage Encode(RecordBatch batch)
    {
        var nodes = new byte[batch.Columns.Count * StructSize];
        var buffers = new List<(long Offset, long Length)>();
        var body = new List<ReadOnlyMemory<byte>>();
        long bodyLength = 0;

        void Add(ReadOnlyMemory<byte> buffer)
        {
            buffers.Add((bodyLength, buffer.Length));
            body.Add(buffer);
            var padding = -buffer.Length & 7;
            if (padding != 0)
            {
                body.Add(s_zeros[..padding]);
            }

            bodyLength += buffer.Length + padding;
        }

        for (var i = 0; i < batch.Columns.Count; i++)
        {
            var column = batch.Columns[i];
            BinaryPrimitives.WriteInt64LittleEndian(nodes.AsSpan(i * StructSize), column.Length);
            BinaryPrimitives.WriteInt64LittleEndian(nodes.AsSpan((i * StructSize) + 8), column.NullCount);
            Add(column.NullCount == 0 ? ReadOnlyMemory<byte>.Empty : Bitmap(column.Validity, column.BitOffset, column.Length));
            if (column.Type.Id == ArrowTypeId.Bool)
            {
                Add(Bitmap(column.Values, column.BitOffset, column.Length));
            }
            else if (column.Type.IsVariableLength)
            {
                var (offsets, data) = VariableBuffers(column);
                Add(offsets);
                Add(data);
            }
            else
            {
                Add(column.Values[..(column.Length * (column.Type.BitWidth / 8))]);
            }
        }

        var bufferBytes = new byte[buffers.Count * StructSize];
        for (var i = 0; i < buffers.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bufferBytes.AsSpan(i * StructSize), buffers[i].Offset);
            BinaryPrimitives.WriteInt64LittleEndian(bufferBytes.AsSpan((i * StructSize) + 8), buffers[i].Length);
        }

        var metadata = MessageCodec.Encode(MessageCodec.RecordBatchHeader, builder =>
        {
            var nodeVector = builder.CreateStructVector(nodes, StructSize, 8);
            var bufferVector = builder.CreateStructVector(bufferBytes, StructSize, 8);
            builder.StartTable(3);
            builder.AddInt64(0, batch.Length);
            builder.AddOffset(1, nodeVector);
            builder.AddOffset(2, bufferVector);
            return builder.EndTable();
        }, bodyLength);
        return new EncodedMessage(metadata, body, bodyLength);
    }

    private static ReadOnlyMemory<byte> Buffer(FlatBufferVector buffers, int index, ReadOnlyMemory<byte> body, string column)
    {
        var buffer = buffers.GetStruct(index);
        var offset = BinaryPrimitives.ReadInt64LittleEndian(buffer);
        var length = BinaryPrimitives.ReadInt64LittleEndian(buffer[8..]);
        if (offset < 0 || length < 0 || offset > body.Length || length > body.Length - offset)
        {
            throw new ArrowFormatException($"Buffer {index} (column '{column}') at [{offset}, +{length}) lies outside the {body.Length}-byte body.");
        }

        return body.Slice((int)offset, (int)length);
    }

    // Bitmaps that start at a byte boundary are written as they are (the spare bits of the last byte are ignored by readers).
    private static ReadOnlyMemory<byte> Bitmap(ReadOnlyMemory<byte> bitmap, int bitOffset, int length) => bitOffset == 0
        ? bitmap[..ArrowBitmap.ByteLength(length)]
        : ArrowBitmap.Copy(bitmap.Span, bitOffset, length);

    // Offsets of a sliced column start above 0: rebase them so that only the bytes the values use are written.
    private static (ReadOnlyMemory<byte> Offsets, ReadOnlyMemory<byte> Data) VariableBuffers(ArrowColumn column)
    {
        var width = column.Type.OffsetWidth;
        if (column.Offsets.IsEmpty)
        {
            return (new byte[width], ReadOnlyMemory<byte>.Empty);
        }

        var offsets = column.Offsets.Span;
        var first = ArrowOffsets.Read(offsets, width, 0);
        var last = ArrowOffsets.Read(offsets, width, column.Length);
        var data = column.Values.Slice((int)first, (int)(last - first));
        if (first == 0)
        {
            return (column.Offsets[..((column.Length + 1) * width)], data);
        }

        var rebased = new byte[(column.Length + 1) * width];
        for (var i = 0; i <= column.Length; i++)
        {
            var value = ArrowOffsets.Read(offsets, width, i) - first;
            if (width == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(rebased.AsSpan(i * 4), (int)value);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(rebased.AsSpan(i * 8), value);
            }
        }

        return (rebased, data);
    }
}
