using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Resources;

/// <summary>The externally visible API base (<c>http://host:port/api/v1</c>), honouring X-Forwarded-Host/Proto.</summary>
internal static class ApiLinks
{
    public static string Base(HttpRequest request)
    {
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value;
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? request.Scheme;
        return $"{scheme}://{host}{request.PathBase}/api/v1";
    }
}
