using System.Text.Json.Nodes;
using DevLab.JmesPath;
using DevLab.JmesPath.Expressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Tiled.Api.Http;

namespace Tiled.Api.Search;

/// <summary>
/// <c>select_metadata</c>: a JMESPath expression (JmesPath.Net) applied to each node's metadata,
/// which becomes <c>{"selected": result}</c>.
/// </summary>
internal sealed class MetadataSelector
{
    private static readonly JmesPath Engine = new();
    private readonly JmesPathExpression _expression;

    private MetadataSelector(JmesPathExpression expression) => _expression = expression;

    /// <summary>Null when <paramref name="expression"/> is null; a bad expression is a 400 with Tiled's wording.</summary>
    public static MetadataSelector? Parse(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        try
        {
            return new MetadataSelector(Engine.Parse(expression));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // JmesPath.Net reports syntax errors as plain exceptions.
            throw new QueryParameterException($"Malformed 'select_metadata' parameter raised JMESPathError: {ex.Message}");
        }
    }

    public JsonObject Select(JsonObject metadata)
    {
        JToken input;
        using (var reader = new JsonTextReader(new StringReader(metadata.ToJsonString())) { DateParseHandling = DateParseHandling.None })
        {
            input = JToken.ReadFrom(reader);
        }

        JToken result;
        try
        {
            result = _expression.Transform(new JmesPathArgument(input)).AsJToken();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new QueryParameterException($"Malformed 'select_metadata' parameter raised JMESPathError: {ex.Message}");
        }

        return new JsonObject { ["selected"] = result is null ? null : JsonNode.Parse(result.ToString(Formatting.None)) };
    }
}
