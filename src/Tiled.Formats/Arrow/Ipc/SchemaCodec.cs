using Tiled.Formats.Arrow.FlatBuffers;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>The <c>Schema</c>, <c>Field</c> and <c>KeyValue</c> tables of Schema.fbs.</summary>
internal static class SchemaCodec
{
    public static ArrowSchema Decode(FlatBufferTable schema)
    {
        switch (schema.GetInt16(0))
        {
            case 0:
                break;
            case 1:
                throw new ArrowNotSupportedException("The data is big-endian; only little-endian Arrow data is supported.");
            case var other:
                throw new ArrowFormatException($"The schema has unknown endianness {other}.");
        }

        var vector = schema.GetVector(1, 4, "schema fields");
        var fields = new ArrowField[vector.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = DecodeField(vector.GetTable(i), i);
        }

        return new ArrowSchema(fields, DecodeMetadata(schema, 2, "schema metadata"));
    }

    public static int Encode(FlatBufferBuilder builder, ArrowSchema schema)
    {
        Span<int> fields = schema.Fields.Count <= 256 ? stackalloc int[schema.Fields.Count] : new int[schema.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = EncodeField(builder, schema.Fields[i]);
        }

        var fieldVector = builder.CreateOffsetVector(fields);
        var metadata = EncodeMetadata(builder, schema.Metadata);
        builder.StartTable(4);
        builder.AddInt16(0, 0);
        builder.AddOffset(1, fieldVector);
        if (metadata != 0)
        {
            builder.AddOffset(2, metadata);
        }

        return builder.EndTable();
    }

    private static ArrowField DecodeField(FlatBufferTable field, int index)
    {
        var name = field.GetString(0) ?? string.Empty;
        var label = name.Length == 0 ? $"#{index}" : name;
        if (field.Has(4))
        {
            throw new ArrowNotSupportedException($"Field '{label}' is dictionary-encoded, which is not supported.");
        }

        var type = TypeCodec.Decode(field.GetByte(2), field, 3, label);
        if (field.GetVector(5, 4, $"children of field '{label}'").Count != 0)
        {
            throw new ArrowNotSupportedException($"Field '{label}' has child fields, which only nested types have; nested types are not supported.");
        }

        return new ArrowField(name, type, field.GetBool(1), DecodeMetadata(field, 6, $"metadata of field '{label}'"));
    }

    private static int EncodeField(FlatBufferBuilder builder, ArrowField field)
    {
        var name = builder.CreateString(field.Name);
        var (typeId, type) = TypeCodec.Encode(builder, field.Type);
        var children = builder.CreateOffsetVector([]);
        var metadata = EncodeMetadata(builder, field.Metadata);
        builder.StartTable(7);
        builder.AddOffset(0, name);
        builder.AddBool(1, field.Nullable);
        builder.AddByte(2, typeId);
        builder.AddOffset(3, type);
        builder.AddOffset(5, children);
        if (metadata != 0)
        {
            builder.AddOffset(6, metadata);
        }

        return builder.EndTable();
    }

    private static ArrowMetadata DecodeMetadata(FlatBufferTable table, int slot, string what)
    {
        var vector = table.GetVector(slot, 4, what);
        if (vector.Count == 0)
        {
            return ArrowMetadata.Empty;
        }

        var pairs = new KeyValuePair<string, string>[vector.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var pair = vector.GetTable(i);
            pairs[i] = new(pair.GetString(0) ?? string.Empty, pair.GetString(1) ?? string.Empty);
        }

        return new ArrowMetadata(pairs);
    }

    // Returns 0 (no vector) for empty metadata, as pyarrow does.
    private static int EncodeMetadata(FlatBufferBuilder builder, ArrowMetadata metadata)
    {
        if (metadata.Count == 0)
        {
            return 0;
        }

        var pairs = new int[metadata.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var key = builder.CreateString(metadata[i].Key);
            var value = builder.CreateString(metadata[i].Value);
            builder.StartTable(2);
            builder.AddOffset(0, key);
            builder.AddOffset(1, value);
            pairs[i] = builder.EndTable();
        }

        return builder.CreateOffsetVector(pairs);
    }
}
