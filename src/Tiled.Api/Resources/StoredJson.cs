using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Tiled.Api.Resources;

/// <summary>
/// Writes JSON text as read from the catalog token by token, without building a tree: the same bytes
/// <c>JsonNode.Parse(text).WriteTo(json)</c> writes (whitespace dropped, strings escaped by the
/// writer's encoder, numbers as stored) at a fraction of the cost (ADR 0027).
/// </summary>
internal static class StoredJson
{
    public static void WriteTo(Utf8JsonWriter json, string text)
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            Copy(new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8))), json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    private static void Copy(Utf8JsonReader reader, Utf8JsonWriter json)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    json.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    json.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    json.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    json.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName:
                    WriteUnescaped(ref reader, json, property: true);
                    break;
                case JsonTokenType.String:
                    WriteUnescaped(ref reader, json, property: false);
                    break;
                case JsonTokenType.Number:
                    json.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    json.WriteBooleanValue(reader.GetBoolean());
                    break;
                case JsonTokenType.Null:
                    json.WriteNullValue();
                    break;
            }
        }
    }

    /// <summary>The writer escapes what its encoder requires, so escaped input is unescaped first.</summary>
    private static void WriteUnescaped(ref Utf8JsonReader reader, Utf8JsonWriter json, bool property)
    {
        if (!reader.ValueIsEscaped)
        {
            Write(json, reader.ValueSpan, property);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            Write(json, buffer.AsSpan(0, reader.CopyString(buffer)), property);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Write(Utf8JsonWriter json, ReadOnlySpan<byte> value, bool property)
    {
        if (property)
        {
            json.WritePropertyName(value);
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
