using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Tiled.Api.OpenApi;

/// <summary>Every route that needs credentials names the <c>Apikey</c> scheme, so Swagger UI sends the key.</summary>
internal sealed class SecurityFilter : IOperationFilter
{
    public const string Scheme = "Apikey";

    public static OpenApiSecurityScheme Definition { get; } = new()
    {
        Type = SecuritySchemeType.ApiKey,
        In = ParameterLocation.Header,
        Name = "Authorization",
        Description = "Paste the API key alone (this page adds the `Apikey ` prefix) or the whole header value `Apikey <key>`. "
            + "Scripts send `Authorization: Apikey <key>`; the query parameter `api_key=<key>` also works.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
    }
}
