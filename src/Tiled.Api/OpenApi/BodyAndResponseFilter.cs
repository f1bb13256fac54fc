using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Tiled.Api.Auth;

namespace Tiled.Api.OpenApi;

/// <summary>
/// Request bodies (JSON schemas or raw bytes with their content types), the successful response's
/// media types, and the 4xx/5xx answers a route can give, each with the <see cref="ErrorBody"/> schema.
/// </summary>
internal sealed class BodyAndResponseFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var binary = metadata.OfType<BinaryBody>().LastOrDefault();
        var json = metadata.OfType<JsonRequestBody>().LastOrDefault();
        if (binary is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = binary.Description,
                Content = binary.ContentTypes.ToDictionary(t => t,
                    _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
            };
        }
        else if (json is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(json.Shape, context.SchemaRepository) },
                },
            };
        }

        operation.Responses ??= [];
        var success = metadata.OfType<SuccessResponse>().LastOrDefault();
        if (success is not null)
        {
            operation.Responses.Remove("200");
            operation.Responses[success.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = success.Description,
                Content = success.MediaTypes.Count == 0 ? null : success.MediaTypes.ToDictionary(t => t, t => new OpenApiMediaType
                {
                    Schema = t != "application/json" ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                        : success.Shape is null ? new OpenApiSchema()
                        : context.SchemaGenerator.GenerateSchema(success.Shape, context.SchemaRepository),
                }),
            };
        }

        var error = context.SchemaGenerator.GenerateSchema(typeof(ErrorBody), context.SchemaRepository);
        foreach (var (status, description) in Errors(context, metadata, binary, json, success))
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = error } },
            };
        }
    }

    private static IEnumerable<(int Status, string Description)> Errors(OperationFilterContext context, IList<object> metadata,
        BinaryBody? binary, JsonRequestBody? json, SuccessResponse? success)
    {
        var hasBody = binary is not null || json is not null;
        var hasQuery = metadata.OfType<DocumentedQuery>().Any();
        if (hasQuery || hasBody)
        {
            yield return (StatusCodes.Status400BadRequest, "A query parameter or the body is malformed; detail names which.");
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            yield return (StatusCodes.Status401Unauthorized, "No API key, or a wrong, expired or revoked one.");
        }

        if (metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<ScopeRequirement>().Any(r => r.Required.Count > 0))
        {
            yield return (StatusCodes.Status403Forbidden, "The API key lacks a scope this route needs; detail names it.");
        }

        if (context.ApiDescription.ParameterDescriptions.Any(p => p.Name is "path" or "uuid"))
        {
            yield return (StatusCodes.Status404NotFound, "No such node (or principal).");
        }

        if (success?.MediaTypes.Count > 1)
        {
            yield return (StatusCodes.Status406NotAcceptable, "None of the requested media types (format or Accept) is served.");
        }

        if (hasBody)
        {
            yield return (StatusCodes.Status413PayloadTooLarge, "The body exceeds a configured limit; detail names the limit.");
        }

        if (binary is not null)
        {
            yield return (StatusCodes.Status415UnsupportedMediaType, "The body's Content-Type is not one of those listed.");
        }

        if (hasQuery || hasBody)
        {
            yield return (StatusCodes.Status422UnprocessableEntity, "The request is well-formed but does not fit the node (shape, dtype, offsets, fields).");
        }

        foreach (var specific in metadata.OfType<ErrorResponse>())
        {
            yield return (specific.Status, specific.Description);
        }

        yield return (StatusCodes.Status503ServiceUnavailable, "The catalog database or stream cache is unreachable; retry after Retry-After.");
    }
}
