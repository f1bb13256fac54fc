using System.Buffers.Binary;
using Tiled.Formats.Arrow.FlatBuffers;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// The end of an IPC file: the <c>Footer</c> FlatBuffer of File.fbs, its int32 length and the magic
/// "ARROW1". The file also starts with "ARROW1" and two bytes of padding.
/// </summary>
internal static class FooterCodec
{
    /// <summary>"ARROW1" and the two padding bytes that start a file.</summary>
    public static ReadOnlyMemory<byte> Header { get; } = "ARROW1\0\0"u8.ToArray();

    public static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    /// <summary>Footer length and magic after the footer.</summary>
    public const int TrailerLength = 10;

    public static bool HasMagic(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    /// <summary>Checks both magics and returns where the footer starts and how long it is.</summary>
    public static (int Start, int Length) Locate(ReadOnlySpan<byte> data)
    {
        if (!HasMagic(data))
        {
            throw new ArrowFormatException("The input does not start with the Arrow file magic \"ARROW1\".");
        }

        if (data.Length < Header.Length + TrailerLength || !data.EndsWith(Magic))
        {
            throw new ArrowFormatException("The input does not end with the Arrow file magic \"ARROW1\": it is truncated or not an Arrow IPC file.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[^TrailerLength..]);
        if (length <= 0 || length > data.Length - Header.Length - TrailerLength)
        {
            throw new ArrowFormatException($"The file footer length {length} does not fit the {data.Length}-byte file.");
        }

        return (data.Length - TrailerLength - length, length);
    }

    public static (ArrowSchema Schema, FileBlock[] Batches) Decode(ReadOnlySpan<byte> footer)
    {
        var root = FlatBufferTable.Root(footer, "file footer");
        var version = root.GetInt16(0);
        if (version < MessageCodec.V4)
        {
            throw new ArrowNotSupportedException($"The file uses Arrow metadata version V{version + 1}; V4 and V5 are supported.");
        }

        if (!root.TryGetTable(1, "file schema", out var schemaTable))
        {
            throw new ArrowFormatException("The file footer has no schema.");
        }

        var schema = SchemaCodec.Decode(schemaTable);
        if (root.GetVector(2, FileBlock.Size, "dictionary blocks").Count != 0)
        {
            throw new ArrowNotSupportedException("The file holds dictionary batches, which are not supported.");
        }

        var vector = root.GetVector(3, FileBlock.Size, "record batch blocks");
        var blocks = new FileBlock[vector.Count];
        for (var i = 0; i < blocks.Length; i++)
        {
            var block = vector.GetStruct(i);
            blocks[i] = new FileBlock(
                BinaryPrimitives.ReadInt64LittleEndian(block),
                BinaryPrimitives.ReadInt32LittleEndian(block[8..]),
                BinaryPrimitives.ReadInt64LittleEndian(block[16..]));
        }

        return (schema, blocks);
    }

    /// <summary>The footer FlatBuffer followed by its length and the closing magic.</summary>
    public static byte[] Encode(ArrowSchema schema, IReadOnlyList<FileBlock> batches)
    {
        var blockBytes = new byte[batches.Count * FileBlock.Size];
        for (var i = 0; i < batches.Count; i++)
        {
            var block = blockBytes.AsSpan(i * FileBlock.Size);
            BinaryPrimitives.WriteInt64LittleEndian(block, batches[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(block[8..], batches[i].MetadataLength);
            BinaryPrimitives.WriteInt64LittleEndian(block[16..], batches[i].BodyLength);
        }

        var builder = new FlatBufferBuilder();
        var schemaTable = SchemaCodec.Encode(builder, schema);
        var dictionaries = builder.CreateStructVector([], FileBlock.Size, 8);
        var recordBatches = builder.CreateStructVector(blockBytes, FileBlock.Size, 8);
        builder.StartTable(4);
        builder.AddInt16(0, MessageCodec.V5);
        builder.AddOffset(1, schemaTable);
        builder.AddOffset(2, dictionaries);
        builder.AddOffset(3, recordBatches);
        var footer = builder.Finish(builder.EndTable());
        var result = new byte[footer.Length + TrailerLength];
        footer.CopyTo(result, 0);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(footer.Length), footer.Length);
        Magic.CopyTo(result.AsSpan(footer.Length + 4));
        return result;
    }
}
