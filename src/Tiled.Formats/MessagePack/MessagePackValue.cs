using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MessagePack;

namespace Tiled.Formats.MessagePack;

/// <summary>
/// Converts between MessagePack bytes and a tree of plain .NET values, on MessagePack-CSharp's
/// <see cref="MessagePackReader"/> and <see cref="MessagePackWriter"/>. Decoding produces:
/// <c>Dictionary&lt;string, object?&gt;</c> for maps (integer keys become their decimal text; other
/// key types are an error; a repeated key keeps its last value; key order is kept),
/// <c>List&lt;object?&gt;</c> for arrays, <see cref="long"/> for every integer that fits it and
/// <see cref="ulong"/> above that, <see cref="double"/> for float32 and float64, <see cref="string"/>
/// (strict UTF-8), <c>byte[]</c> for bin, <see cref="bool"/>, <see langword="null"/>, and a UTC
/// <see cref="DateTimeOffset"/> for timestamps. Other extension types are an error. Every failure
/// on bad input is a <see cref="MessagePackException"/> naming the byte offset.
/// </summary>
public static class MessagePackValue
{
    /// <summary>Maximum nesting of maps and arrays, read or written.</summary>
    public const int MaxDepth = 1000;

    /// <summary>
    /// The library's settings for data from the network: its depth guard (at <see cref="MaxDepth"/>,
    /// checked by <see cref="MessagePackSecurity.DepthStep"/> on every map and array).
    /// </summary>
    public static MessagePackSecurity Security { get; } = MessagePackSecurity.UntrustedData.WithMaximumObjectGraphDepth(MaxDepth);

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes exactly one value that spans all of <paramref name="data"/>; trailing bytes are an error.</summary>
    public static object? Decode(ReadOnlyMemory<byte> data)
    {
        var reader = new MessagePackReader(data);
        var value = Decode(ref reader);
        if (!reader.End)
        {
            throw new MessagePackException($"Unexpected data after the value: {data.Length - reader.Consumed} bytes remain at offset {reader.Consumed}.");
        }

        return value;
    }

    /// <summary>
    /// Decodes the next value from <paramref name="reader"/>; nesting deeper than <see cref="MaxDepth"/>
    /// is an error. The library's exceptions for bad input (truncation, unexpected codes, overflowing
    /// lengths, the depth guard) become <see cref="MessagePackException"/>.
    /// </summary>
    public static object? Decode(ref MessagePackReader reader)
    {
        try
        {
            return DecodeValue(ref reader);
        }
        catch (EndOfStreamException e)
        {
            throw new MessagePackException($"MessagePack data is truncated: a value at or after offset {reader.Consumed} needs more bytes than remain.", e);
        }
        catch (OverflowException e)
        {
            // The library's checked conversion of a length or count above int.MaxValue: more than can follow.
            throw new MessagePackException($"MessagePack data is truncated: a length or count at or after offset {reader.Consumed} exceeds the bytes that remain.", e);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw new MessagePackException($"Maps and arrays nest deeper than {MaxDepth} levels at offset {reader.Consumed}.", e);
        }
        catch (MessagePackSerializationException e)
        {
            throw new MessagePackException($"Invalid MessagePack at offset {reader.Consumed}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Encodes a tree: everything <see cref="Decode(ReadOnlyMemory{byte})"/> produces, plus any other
    /// integer type, <see cref="float"/> (as float32), <see cref="decimal"/> (as float64),
    /// <c>ReadOnlyMemory&lt;byte&gt;</c> and <c>Memory&lt;byte&gt;</c> (as bin),
    /// <c>IReadOnlyDictionary&lt;string, object?&gt;</c>, <c>IDictionary&lt;string, object?&gt;</c> and
    /// other <see cref="IDictionary"/> types (as maps), any other <see cref="IEnumerable"/> (as arrays),
    /// and <see cref="JsonElement"/> / <see cref="JsonNode"/> (as by <see cref="MessagePackWriterExtensions.WriteJson(ref MessagePackWriter, JsonElement)"/>).
    /// Other types throw <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] Encode(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a tree with the rules of <see cref="Encode"/> (the caller flushes the writer).</summary>
    public static void Write(ref MessagePackWriter writer, object? value) => Write(ref writer, value, 0);

    private static object? DecodeValue(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                return ReadInteger(ref reader);
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.String:
                return ReadStrictString(ref reader);
            case MessagePackType.Binary:
                return reader.ReadBytes()!.Value.ToArray();
            case MessagePackType.Extension:
                var extension = reader.ReadExtensionFormat();
                if (extension.TypeCode != ReservedMessagePackExtensionTypeCode.DateTime)
                {
                    throw new MessagePackException($"Extension type {extension.TypeCode} at offset {start} is not supported; only timestamps (-1) are.");
                }

                return MessagePackTimestamp.Decode(extension.Data, start);
            case MessagePackType.Array:
                Security.DepthStep(ref reader);
                var count = reader.ReadArrayHeader();
                var list = new List<object?>(count);
                for (var i = 0; i < count; i++)
                {
                    list.Add(DecodeValue(ref reader));
                }

                reader.Depth--;
                return list;
            case MessagePackType.Map:
                Security.DepthStep(ref reader);
                var pairs = reader.ReadMapHeader();
                var map = new Dictionary<string, object?>(pairs, StringComparer.Ordinal);
                for (var i = 0; i < pairs; i++)
                {
                    var key = DecodeKey(ref reader);
                    map[key] = DecodeValue(ref reader);
                }

                reader.Depth--;
                return map;
            default:
                throw new MessagePackException($"Invalid format byte 0x{reader.NextCode:x2} at offset {start}.");
        }
    }

    /// <summary>Any integer: a <see cref="long"/> when it fits, else (a uint64 above long's range) a <see cref="ulong"/>.</summary>
    private static object ReadInteger(ref MessagePackReader reader)
    {
        if (reader.NextCode == MessagePackCode.UInt64)
        {
            var unsigned = reader.ReadUInt64();
            return unsigned <= long.MaxValue ? (object)(long)unsigned : unsigned;
        }

        return reader.ReadInt64();
    }

    /// <summary>A str decoded as UTF-8; invalid UTF-8 is an error (the library's own decoding would substitute U+FFFD).</summary>
    private static string ReadStrictString(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        var utf8 = reader.ReadStringSequence()!.Value;
        try
        {
            return utf8.IsSingleSegment ? s_strictUtf8.GetString(utf8.FirstSpan) : s_strictUtf8.GetString(utf8.ToArray());
        }
        catch (DecoderFallbackException e)
        {
            throw new MessagePackException($"String at offset {start} is not valid UTF-8.", e);
        }
    }

    private static string DecodeKey(ref MessagePackReader reader)
    {
        var start = reader.Consumed;
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                return ReadStrictString(ref reader);
            case MessagePackType.Integer:
                return ReadInteger(ref reader) switch
                {
                    long key => key.ToString(CultureInfo.InvariantCulture),
                    var key => ((ulong)key).ToString(CultureInfo.InvariantCulture),
                };
            case var type:
                throw new MessagePackException($"Map key at offset {start} is a {type.ToString().ToLowerInvariant()}; only string and integer keys are supported.");
        }
    }

    internal static void ThrowIfTooDeep(int depth)
    {
        if (depth >= MaxDepth)
        {
            throw new ArgumentException($"The value nests maps and arrays deeper than {MaxDepth} levels.");
        }
    }

    private static void Write(ref MessagePackWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case bool flag:
                writer.Write(flag);
                break;
            case string text:
                writer.Write(text);
                break;
            case long or int or short or sbyte:
                writer.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong or uint or ushort or byte:
                writer.Write(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                break;
            case double real:
                writer.Write(real);
                break;
            case float single:
                writer.Write(single);
                break;
            case decimal number:
                writer.Write((double)number);
                break;
            case byte[] bytes:
                writer.Write(bytes.AsSpan());
                break;
            case ReadOnlyMemory<byte> memory:
                writer.Write(memory.Span);
                break;
            case Memory<byte> memory:
                writer.Write(memory.Span);
                break;
            case DateTimeOffset time:
                writer.WriteTimestamp(time);
                break;
            case JsonElement element:
                MessagePackWriterExtensions.Write(ref writer, element, depth);
                break;
            case JsonNode node:
                MessagePackWriterExtensions.Write(ref writer, node, depth);
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(ref writer, map.Count, map, depth);
                break;
            case IDictionary<string, object?> map:
                WriteMap(ref writer, map.Count, map, depth);
                break;
            case IDictionary map:
                ThrowIfTooDeep(depth);
                writer.WriteMapHeader(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    Write(ref writer, entry.Key, depth + 1);
                    Write(ref writer, entry.Value, depth + 1);
                }

                break;
            case ICollection collection:
                ThrowIfTooDeep(depth);
                writer.WriteArrayHeader(collection.Count);
                foreach (var item in collection)
                {
                    Write(ref writer, item, depth + 1);
                }

                break;
            case IEnumerable sequence:
                ThrowIfTooDeep(depth);
                var items = sequence.Cast<object?>().ToList();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(ref writer, item, depth + 1);
                }

                break;
            default:
                throw new ArgumentException($"Values of type {value.GetType()} cannot be encoded as MessagePack.", nameof(value));
        }
    }

    private static void WriteMap(ref MessagePackWriter writer, int count, IEnumerable<KeyValuePair<string, object?>> map, int depth)
    {
        ThrowIfTooDeep(depth);
        writer.WriteMapHeader(count);
        foreach (var (key, item) in map)
        {
            writer.Write(key);
            Write(ref writer, item, depth + 1);
        }
    }
}
