using System.Net;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>A request no route answers is a JSON error too (issue #17): 404 for an unknown path, 405 for a known path with the wrong method.</summary>
public sealed class UnmatchedRouteTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Theory]
    [InlineData("GET", "/no/such/page")]
    [InlineData("GET", "/api/v1/no-such-route/x")]
    [InlineData("POST", "/api/v2/metadata/")]
    [InlineData("DELETE", "/favicon.ico")]
    public async Task Issue_17_an_unknown_path_is_a_json_404(string method, string path)
    {
        if (server.UnavailableReason is not null) { return; }

        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Should().Contain("/api/v1/");
    }

    [Theory]
    [InlineData("PATCH", "/api/v1/search/")]
    [InlineData("DELETE", "/api/v1/array/block/x")]
    [InlineData("PUT", "/api/v1/")]
    [InlineData("POST", "/healthz")]
    public async Task Issue_17_a_known_path_with_the_wrong_method_is_a_json_405(string method, string path)
    {
        if (server.UnavailableReason is not null) { return; }

        using var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        (await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed)).Should().Contain(method);
        response.Content.Headers.Allow.Should().NotBeEmpty();
    }
}
