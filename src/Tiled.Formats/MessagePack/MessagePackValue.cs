using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// Converts between MessagePack bytes and a tree of plain .NET values. Decoding produces:
/// <c>Dictionary&lt;string, object?&gt;</c> for maps (integer keys become their decimal text; other
/// key types are an error; a repeated key keeps its last value; key order is kept),
/// <c>List&lt;object?&gt;</c> for arrays, <see cref="long"/> for every integer that fits it and
/// <see cref="ulong"/> above that, <see cref="double"/> for float32 and float64, <see cref="string"/>,
/// <c>byte[]</c> for bin, <see cref="bool"/>, <see langword="null"/>, and a UTC
/// <see cref="DateTimeOffset"/> for timestamps. Other extension types are an error.
/// </summary>
public static class MessagePackValue
{
    /// <summary>Decodes exactly one value that spans all of <paramref name="data"/>; trailing bytes are an error.</summary>
    public static object? Decode(ReadOnlySpan<byte> data)
    {
        var reader = new MessagePackReader(data);
        var value = Decode(ref reader);
        if (!reader.End)
        {
            throw new MessagePackException($"Unexpected data after the value: {data.Length - reader.Consumed} bytes remain at offset {reader.Consumed}.");
        }

        return value;
    }

    /// <summary>Decodes the next value from <paramref name="reader"/>; nesting deeper than <see cref="MessagePackWriter.MaxDepth"/> is an error.</summary>
    public static object? Decode(ref MessagePackReader reader) => Decode(ref reader, 0);

    /// <summary>
    /// Encodes a tree: everything <see cref="Decode(ReadOnlySpan{byte})"/> produces, plus any other
    /// integer type, <see cref="float"/> (as float32), <see cref="decimal"/> (as float64),
    /// <c>ReadOnlyMemory&lt;byte&gt;</c> and <c>Memory&lt;byte&gt;</c> (as bin),
    /// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>, <c>IDictionary&lt;string, object?&gt;</c> and
    /// other <see cref="IDictionary"/> types (as maps), any other <see cref="IEnumerable"/> (as arrays),
    /// and <see cref="JsonElement"/> / <see cref="JsonNode"/> (as by <see cref="MessagePackWriter.WriteJson(JsonElement)"/>).
    /// Other types throw <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(new MessagePackWriter(buffer), value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a tree with the rules of <see cref="Encode"/>.</summary>
    public static void Write(MessagePackWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Write(writer, value, 0);
    }

    private static object? Decode(ref MessagePackReader reader, int depth)
    {
        var start = reader.Consumed;
        switch (reader.NextType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBool();
            case MessagePackType.Integer:
                var (integer, isLarge) = reader.ReadInteger();
                return isLarge ? (object)(ulong)integer : integer;

            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBinary().ToArray();
            case MessagePackType.Extension:
                var data = reader.ReadExtension(out var typeCode);
                if (typeCode != MessagePackCode.TimestampExtension)
                {
                    throw new MessagePackException($"Extension type {typeCode} at offset {start} is not supported; only timestamps (-1) are.");
                }

                return MessagePackReader.DecodeTimestamp(data, start);
            case MessagePackType.Array:
                ThrowIfTooDeep(depth, start);
                var count = reader.ReadArrayHeader();
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(Decode(ref reader, depth + 1));
                }

                return list;
            case MessagePackType.Map:
                ThrowIfTooDeep(depth, start);
                var pairs = reader.ReadMapHeader();
                var map = new Dictionary<string, object?>(pairs, StringComparer.Ordinal);
                for (var i = 0; i < pairs; i++)
                {
                    var key = DecodeKey(ref reader);
                    map[key] = Decode(ref reader, depth + 1);
                }

                return map;
            default:
                throw new MessagePackException($"Invalid format byte 0xc1 at offset {start}.");
        }
    }

    private static string DecodeKey(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        switch (reader.NextType)
        {
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Integer:
                var (key, isLargeKey) = reader.ReadInteger();
                return isLargeKey
                    ? ((ulong)key).ToString(CultureInfo.InvariantCulture)
                    : key.ToString(CultureInfo.InvariantCulture);

            default:
                throw new MessagePackException($"Map key at offset {start} is a {reader.NextType.ToString().ToLowerInvariant()}; only string and integer keys are supported.");
        }
    }

    private static void ThrowIfTooDeep(int depth, int offset)
    {
        if (depth >= MessagePackWriter.MaxDepth)
        {
            throw new MessagePackException($"Maps and arrays nest deeper than {MessagePackWriter.MaxDepth} levels at offset {offset}.");
        }
    }

    private static void Write(MessagePackWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case bool flag:
                writer.WriteBool(flag);
                break;
            case string text:
                writer.WriteString(text);
                break;
            case long or int or short or sbyte:
                writer.WriteInt64(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong or uint or ushort or byte:
                writer.WriteUInt64(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case double real:
                writer.WriteDouble(real);
                break;
            case float single:
                writer.WriteSingle(single);
                break;
            case decimal number:
                writer.WriteDouble((double)number);
                break;
            case byte[] bytes:
                writer.WriteBinary(bytes);
                break;
            case ReadOnlyMemory<byte> memory:
                writer.WriteBinary(memory.Span);
                break;
            case Memory<byte> memory:
                writer.WriteBinary(memory.Span);
                break;
            case DateTimeOffset time:
                writer.WriteTimestamp(time);
                break;
            case JsonElement element:
                JsonToMessagePack.Write(writer, element, depth);
                break;
            case JsonNode node:
                JsonToMessagePack.Write(writer, node, depth);
                break;
            case IReadOnlyDictionary<string, object?> map:
                JsonToMessagePack.ThrowIfTooDeep(depth);
                writer.WriteMapHeader(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteString(key);
                    Write(writer, item, depth + 1);
                }

                break;
            case IDictionary<string, object?> map:
                JsonToMessagePack.ThrowIfTooDeep(depth);
                writer.WriteMapHeader(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteString(key);
                    Write(writer, item, depth + 1);
                }

                break;
            case IDictionary map:
                JsonToMessagePack.ThrowIfTooDeep(depth);
                writer.WriteMapHeader(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    Write(writer, entry.Key, depth + 1);
                    Write(writer, entry.Value, depth + 1);
                }

                break;
            case ICollection collection:
                JsonToMessagePack.ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(collection.Count);
                foreach (var item in collection)
                {
                    Write(writer, item, depth + 1);
                }

                break;
            case IEnumerable sequence:
                JsonToMessagePack.ThrowIfTooDeep(depth);
                var items = sequence.Cast<object?>().ToList();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(writer, item, depth + 1);
                }

                break;
            default:
                throw new ArgumentException($"Values of type {value.GetType()} cannot be encoded as MessagePack.", nameof(value));
        }
    }
}
