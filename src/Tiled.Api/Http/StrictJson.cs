using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Tiled.Application.Common.Errors;

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
    /// <summary>
    /// Parses <paramref name="utf8"/>; objects and lists nested deeper than <paramref name="maxDepth"/>
    /// are refused (<c>max_json_depth</c>), so that nothing stored is too deep to serve again.
    /// </summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new JsonException($"The body is not valid UTF-8: the byte at offset {FirstInvalidByte(utf8)} does not begin a well-formed character.");
        }

        RequireUniqueKeysAndWholeCharacters(utf8, maxDepth);
        return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth + 1 });
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

    private static void RequireUniqueKeysAndWholeCharacters(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        var objects = new Stack<(long Start, HashSet<string> Keys)>();
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
            {
                throw new LimitExceededException(size: false,
                    $"The JSON value at byte {reader.TokenStartIndex} nests objects and lists {reader.CurrentDepth + 1} levels deep; JSON may nest at most {maxDepth} levels (max_json_depth).");
            }

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
