using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Http;
using Tiled.Application.Search;

namespace Tiled.Api.Search;

/// <summary>
/// The fields of the <see cref="Index"/>-th query of one type, decoded as Tiled's client encodes
/// them (plain text or <c>json.dumps</c>). Every failure names the parameter.
/// </summary>
internal sealed class FilterFields(string query, IReadOnlyDictionary<string, StringValues> fields, int index)
{
    public int Index => index;

    public string Parameter(string field) => $"filter[{query}][condition][{field}]";

    public string? Optional(string field) => fields.TryGetValue(field, out var values) ? values[index] : null;

    public string Plain(string field) => Optional(field) ?? throw Bad(field, "is required");

    public JsonNode? Json(string field)
    {
        var text = Plain(field);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw Bad(field, $"must be JSON (as json.dumps writes it), not '{text}'");
        }
    }

    public MetadataKey Key(string field = "key") =>
        MetadataKey.TryParse(Plain(field)) ?? throw Bad(field, "must be a dotted metadata key such as sample.name (no empty parts, no double quotes)");

    public IReadOnlyList<JsonNode?> List(string field) =>
        Json(field) is JsonArray list ? list.ToList() : throw Bad(field, "must be a JSON list");

    public IReadOnlyList<string> Strings(string field, string? text = null)
    {
        JsonNode? parsed;
        try
        {
            parsed = text is null ? Json(field) : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw Bad(field, "must be a JSON list of strings");
        }

        return parsed is JsonArray list && list.All(item => item?.GetValueKind() == JsonValueKind.String)
            ? list.Select(item => item!.GetValue<string>()).ToList()
            : throw Bad(field, "must be a JSON list of strings");
    }

    /// <summary>A boolean as JSON (<c>true</c>) or as FastAPI reads one (<c>1</c>, <c>yes</c>, <c>on</c>, ...).</summary>
    public bool Bool(string field, bool fallback)
    {
        var text = Optional(field);
        return text is null ? fallback : QueryParsers.Bool(text, Parameter(field), fallback);
    }

    public string JsonString(string field) =>
        Json(field) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Bad(field, "must be a JSON string");

    public string Regex(string field)
    {
        var pattern = Plain(field);
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException ex)
        {
            throw Bad(field, $"is not a valid regular expression: {ex.Message}");
        }
    }

    public QueryParameterException Bad(string field, string problem) => new($"The query parameter {Parameter(field)} {problem}.");
}
