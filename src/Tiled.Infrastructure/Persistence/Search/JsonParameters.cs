using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Search;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>JSON query values as the parameters SQL needs.</summary>
internal static class JsonParameters
{
    public static JsonValueKind Kind(JsonNode? value) => value?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>The JSON text of <paramref name="value"/> (<c>null</c> for JSON null).</summary>
    public static string Text(JsonNode? value) => value?.ToJsonString() ?? "null";

    /// <summary>A JSON number as SQLite compares it: an integer when it is one, else a double.</summary>
    public static object Number(JsonNode value)
    {
        var text = value.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            ? integer
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static string String(JsonNode value) => value.GetValue<string>();

    /// <summary><c>{"a": {"b": value}}</c> for the key <c>a.b</c>: a document that contains exactly this value at the key.</summary>
    public static string Nested(MetadataKey key, JsonNode? value)
    {
        var node = value?.DeepClone();
        for (var i = key.Segments.Count - 1; i >= 0; i--)
        {
            node = new JsonObject { [key.Segments[i]] = node };
        }

        return Text(node);
    }

    /// <summary>SQLite's JSON path for the key: <c>$."a"."b"</c>.</summary>
    public static string SqlitePath(MetadataKey key) => "$" + string.Concat(key.Segments.Select(s => $".\"{s}\""));
}
