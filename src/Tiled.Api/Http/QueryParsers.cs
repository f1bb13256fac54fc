using System.Globalization;

namespace Tiled.Api.Http;

/// <summary>Parsing of Tiled's comma-separated integer parameters (<c>offset=3,0</c>, <c>block=1,2</c>, ...).</summary>
internal static class QueryParsers
{
    /// <summary>Parses "1,2,3" (empty = no values). Throws <see cref="QueryParameterException"/> naming the parameter.</summary>
    public static long[] Longs(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var parts = text.Split(',');
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]) || values[i] < 0)
            {
                throw new QueryParameterException(
                    $"The query parameter {name}='{text}' must be comma-separated non-negative integers, e.g. {name}=1,2.");
            }
        }

        return values;
    }

    public static long[] RequiredLongs(string? text, string name) =>
        text is null ? throw new QueryParameterException($"The query parameter {name} is required.") : Longs(text, name);

    /// <summary>Parses <c>expected_shape</c>: "3,4" or "scalar" (a 0-d result).</summary>
    public static long[]? ExpectedShape(string? text) =>
        text is null ? null : text == "scalar" ? [] : Longs(text, "expected_shape");

    /// <summary>Parses a boolean the way FastAPI does (true/false, 1/0, yes/no, on/off).</summary>
    public static bool Bool(string? text, string name, bool fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new QueryParameterException($"The query parameter {name}='{text}' must be true or false."),
        };
    }

    public static long Long(string? text, string name, long fallback) =>
        string.IsNullOrEmpty(text) ? fallback
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw new QueryParameterException($"The query parameter {name}='{text}' must be an integer.");
}
