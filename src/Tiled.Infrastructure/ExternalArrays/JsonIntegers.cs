using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>Integers in JSON parameters, whichever CLR type a node was built from (parsed JSON or code).</summary>
internal static class JsonIntegers
{
    public static bool TryGet(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The values of a list of non-negative integers, or null when <paramref name="node"/> is anything else.</summary>
    public static long[]? NonNegativeList(JsonNode? node)
    {
        if (node is not JsonArray items)
        {
            return null;
        }

        var values = new long[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (!TryGet(items[i], out values[i]) || values[i] < 0)
            {
                return null;
            }
        }

        return values;
    }
}
