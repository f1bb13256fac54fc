using Microsoft.AspNetCore.Http;
using Tiled.Api.OpenApi;

namespace Tiled.UnitTests.Api.OpenApi;

/// <summary>A request with a query string, matched to an endpoint that declares <c>parameters</c>.</summary>
internal static class DeclaredRequest
{
    public static HttpRequest For(string queryString, params QueryParameter[] parameters)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(queryString.StartsWith('?') ? queryString : "?" + queryString);
        context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new DocumentedQuery(parameters)), "test endpoint"));
        return context.Request;
    }
}
