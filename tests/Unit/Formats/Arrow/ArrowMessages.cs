using System.Buffers.Binary;
using Tiled.UnitTests.Formats.Arrow.FlatBuffers;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>Hand-built IPC messages for the error tests: schemas and batches our writers never produce.</summary>
internal static class ArrowMessages
{
    public const byte SchemaHeader = 1;
    public const byte DictionaryBatchHeader = 2;
    public const byte RecordBatchHeader = 3;
    public const short V5 = 4;

    /// <summary>A framed message (continuation, length, FlatBuffer padded to 8) followed by <paramref name="body"/>.</summary>
    public static byte[] Message(byte headerType, Func<FlatBufferBuilder, int> header, byte[]? body = null, short version = V5)
    {
        body ??= [];
        var builder = new FlatBufferBuilder();
        var headerOffset = header(builder);
        builder.StartTable(5);
        builder.AddInt16(0, version);
        builder.AddByte(1, headerType);
        builder.AddOffset(2, headerOffset);
        builder.AddInt64(3, body.Length);
        var flatBuffer = builder.Finish(builder.EndTable());
        var metadataLength = (flatBuffer.Length + 7) & ~7;
        var bytes = new byte[8 + metadataLength + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), metadataLength);
        flatBuffer.CopyTo(bytes, 8);
        body.CopyTo(bytes, 8 + metadataLength);
        return bytes;
    }

    /// <summary>A schema message with one field "c" whose type is union member <paramref name="typeId"/> (an empty type table).</summary>
    public static byte[] Schema(byte typeId, bool dictionary = false, short endianness = 0, short version = V5, int children = 0) =>
        Message(SchemaHeader, b =>
        {
            var name = b.CreateString("c");
            b.StartTable(2);
            if (typeId == 2)
            {
                b.AddInt32(0, 32);
                b.AddBool(1, true);
            }

            var type = b.EndTable();
            var dictionaryTable = 0;
            if (dictionary)
            {
                b.StartTable(4);
                b.AddInt64(0, 1);
                dictionaryTable = b.EndTable();
            }

            var childFields = new int[children];
            for (var i = 0; i < children; i++)
            {
                b.StartTable(7);
                childFields[i] = b.EndTable();
            }

            var childVector = b.CreateOffsetVector(childFields);
            b.StartTable(7);
            b.AddOffset(0, name);
            b.AddBool(1, true);
            b.AddByte(2, typeId);
            b.AddOffset(3, type);
            if (dictionaryTable != 0)
            {
                b.AddOffset(4, dictionaryTable);
            }

            b.AddOffset(5, childVector);
            var field = b.EndTable();
            var fields = b.CreateOffsetVector([field]);
            b.StartTable(4);
            b.AddInt16(0, endianness);
            b.AddOffset(1, fields);
            return b.EndTable();
        }, version: version);

    /// <summary>A record batch message for the int32 schema of <see cref="Schema"/>(2) with the given node and buffers.</summary>
    public static byte[] Int32Batch(long length, long nullCount, (long Offset, long Length)[] buffers, byte[] body, bool compressed = false) =>
        Message(RecordBatchHeader, b =>
        {
            var node = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(node, length);
            BinaryPrimitives.WriteInt64LittleEndian(node.AsSpan(8), nullCount);
            var bufferBytes = new byte[16 * buffers.Length];
            for (var i = 0; i < buffers.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bufferBytes.AsSpan(16 * i), buffers[i].Offset);
                BinaryPrimitives.WriteInt64LittleEndian(bufferBytes.AsSpan((16 * i) + 8), buffers[i].Length);
            }

            var nodes = b.CreateStructVector(node, 16, 8);
            var bufferVector = b.CreateStructVector(bufferBytes, 16, 8);
            var compression = 0;
            if (compressed)
            {
                b.StartTable(2);
                b.AddByte(0, 1);
                compression = b.EndTable();
            }

            b.StartTable(4);
            b.AddInt64(0, length);
            b.AddOffset(1, nodes);
            b.AddOffset(2, bufferVector);
            if (compression != 0)
            {
                b.AddOffset(3, compression);
            }

            return b.EndTable();
        }, body);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
