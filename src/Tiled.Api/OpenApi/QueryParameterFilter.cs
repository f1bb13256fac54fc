using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Tiled.Api.Search;

namespace Tiled.Api.OpenApi;

/// <summary>Adds each route's declared query parameters, and explains the node path parameter.</summary>
internal sealed class QueryParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.Name == "path"))
        {
            parameter.Description = "The node's path below the root, e.g. `experiment/frames`; `/` for the root. Slashes may be "
                + "written as %2F (Swagger UI does): the server reads exp%2Fx as exp/x, as Tiled does.";
        }

        var declared = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<DocumentedQuery>().SelectMany(d => d.Parameters);
        foreach (var parameter in declared)
        {
            foreach (var documented in parameter == QueryParameters.Filters ? FilterMembers() : [Document(parameter)])
            {
                operation.Parameters.Add(documented);
            }
        }
    }

    private static OpenApiParameter Document(QueryParameter parameter)
    {
        var schema = new OpenApiSchema
        {
            Type = parameter.Type switch
            {
                QueryType.Integer => JsonSchemaType.Integer,
                QueryType.Boolean => JsonSchemaType.Boolean,
                _ => JsonSchemaType.String,
            },
            Pattern = parameter.Type == QueryType.IntegerList ? "^[0-9]+(,[0-9]+)*$" : null,
            Default = parameter.Default is null ? null : parameter.Type switch
            {
                QueryType.Integer => JsonValue.Create(long.Parse(parameter.Default, System.Globalization.CultureInfo.InvariantCulture)),
                QueryType.Boolean => JsonValue.Create(parameter.Default == "true"),
                _ => JsonValue.Create(parameter.Default),
            },
            Enum = parameter.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        };
        return new OpenApiParameter
        {
            Name = parameter.Name,
            In = ParameterLocation.Query,
            Required = parameter.Required,
            Description = parameter.Description,
            Schema = parameter.Repeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            Style = ParameterStyle.Form,
            Explode = true,
        };
    }

    /// <summary>Every field of every built-in query, as Tiled's own document lists them.</summary>
    private static IEnumerable<OpenApiParameter> FilterMembers() =>
        FilterDecoder.All.SelectMany(query => query.Value.Required.Concat(query.Value.Optional).Select(field => new OpenApiParameter
        {
            Name = $"filter[{query.Key}][condition][{field}]",
            In = ParameterLocation.Query,
            Description = $"Field {field} of the {query.Key} query (repeat every field of the query once per query; values as Tiled's client encodes them).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            Style = ParameterStyle.Form,
            Explode = true,
        }));
}
