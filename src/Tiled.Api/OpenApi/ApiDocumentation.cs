using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Tiled.Api.Endpoints;

namespace Tiled.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>, Swagger UI at <c>/docs</c>, and the AsyncAPI document of the stream.</summary>
internal static class ApiDocumentation
{
    public const string OpenApiPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    // Swagger UI's Authorize box takes the key alone; Tiled wants "Apikey <key>".
    private const string PrefixApiKey =
        "(request) => { const a = request.headers['Authorization']; "
        + "if (a && !/^apikey\\s/i.test(a)) { request.headers['Authorization'] = 'Apikey ' + a; } return request; }";

    public static IServiceCollection AddTiledApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new()
            {
                Title = "Tiled for .NET",
                Version = AboutEndpoints.LibraryVersion,
                Description = "Tiled's HTTP API. Node paths are path parameters that may contain slashes. "
                    + $"The WebSocket stream is described by the AsyncAPI document at {AsyncApiDocument.Path}.",
            });
            o.AddSecurityDefinition(SecurityFilter.Scheme, SecurityFilter.Definition);
            o.OperationFilter<QueryParameterFilter>();
            o.OperationFilter<BodyAndResponseFilter>();
            o.OperationFilter<SecurityFilter>();
            o.SupportNonNullableReferenceTypes();
            o.MapType<JsonObject>(() => new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true });
            o.MapType<JsonNode>(() => new OpenApiSchema());
            o.SchemaFilter<ExtraFieldsAllowed>();
        });
        return services;
    }

    public static WebApplication UseTiledApiDocumentation(this WebApplication app)
    {
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = DocsPath.TrimStart('/');
            o.SwaggerEndpoint(OpenApiPath, "Tiled for .NET");
            o.UseRequestInterceptor(PrefixApiKey);
        });
        return app;
    }

    /// <summary>Bodies may carry fields the server ignores (Tiled's clients send some), so no schema forbids them.</summary>
    private sealed class ExtraFieldsAllowed : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema { Properties.Count: > 0 } concrete)
            {
                concrete.AdditionalPropertiesAllowed = true;
            }
        }
    }
}
