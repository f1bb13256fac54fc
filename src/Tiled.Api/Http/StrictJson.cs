using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Tiled.Api.Http;

/// <summary>
/// Parses a JSON request body strictly, so that what is stored is exactly what was sent: the bytes
/// must be UTF-8 (no replacement characters slipped in), no object may repeat a key (which one wins
/// differs between implementations), and no escaped string may hold a lone UTF-16 surrogate such as
/// <c>"\ud800"</c> (it has no UTF-8 form to store) or the character U+0000 (PostgreSQL's JSON
/// cannot hold it, so no catalog takes it). Each failure is a <see cref="JsonException"/>
/// (422) that says which rule was broken and where.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 128;

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new JsonException($"The body is not valid UTF-8: the byte at offset {FirstInvalidByte(utf8)} does not begin a well-formed character.");
        }

        RequireUniqueKeysAndWholeCharacters(utf8);
        return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth });
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return offset;
    }

    private static void RequireUniqueKeysAndWholeCharacters(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var objects = new Stack<(long Start, HashSet<string> Keys)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Push((reader.TokenStartIndex, new HashSet<string>(StringComparer.Ordinal)));
                    break;
                case JsonTokenType.EndObject:
                    objects.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var (start, keys) = objects.Peek();
                    var key = Text(ref reader);
                    if (!keys.Add(key))
                    {
                        throw new JsonException($"The object at byte {start} has the key '{key}' more than once; each key may appear once.");
                    }

                    break;
                case JsonTokenType.String when reader.ValueIsEscaped:
                    Text(ref reader);
                    break;
            }
        }
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(
                $"The string at byte {reader.TokenStartIndex} escapes a lone UTF-16 surrogate (such as \\ud800), which is not a character.");
        }

        return text.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException($"The string at byte {reader.TokenStartIndex} holds the character U+0000 (\\u0000), which cannot be stored.")
            : text;
    }
}
