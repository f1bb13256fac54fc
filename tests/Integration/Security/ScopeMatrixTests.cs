using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Api.Auth;
using Tiled.Domain.Principals;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Security;

/// <summary>
/// Every route the server maps (found at test time) against stored API keys: a key holding all the
/// scopes the route needs gets past authorization; a key lacking any one of them gets 403 with a
/// detail naming that scope (protocol additions §4.4).
/// </summary>
public sealed class ScopeMatrixTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Each_route_admits_a_key_with_its_scopes_and_refuses_one_lacking_any_of_them_naming_it()
    {
        if (server.UnavailableReason is not null) { return; }
        var database = server.Settings.DatabaseUri;
        var admin = await TiledCli.RunOkAsync("admin", "create-principal", database, "--role", "admin");
        using var adminClient = Client(await TiledCli.RunOkAsync("api-key", "create", database, "--principal", admin));
        var user = await TiledCli.RunOkAsync("admin", "create-principal", database, "--role", "user");
        var principals = new[] { (Role.User, user), (Role.Admin, admin) };
        var keys = new Dictionary<string, HttpClient>();

        var failures = new List<string>();
        var routes = ScopedRoutes().ToList();
        routes.Should().HaveCountGreaterThan(20);
        foreach (var route in routes)
        {
            var (role, principal) = principals.FirstOrDefault(p => route.Scopes.All(p.Item1.Scopes.Contains));
            if (role is null)
            {
                failures.Add($"{route}: no default role holds {string.Join(", ", route.Scopes)}");
                continue;
            }

            var all = await KeyAsync(keys, adminClient, principal, role.Scopes);
            using (var admitted = await all.SendAsync(route.Request()))
            {
                if (admitted.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} with every scope -> {(int)admitted.StatusCode}");
                }
            }

            foreach (var missing in route.Scopes)
            {
                var lacking = await KeyAsync(keys, adminClient, principal, role.Scopes.Where(s => s != missing));
                using var refused = await lacking.SendAsync(route.Request());
                var detail = refused.Content.Headers.ContentType?.MediaType == "application/json"
                    ? (await Wire.ReadJsonAsync(refused))["detail"]?.ToString() ?? "" : "";
                if (refused.StatusCode != HttpStatusCode.Forbidden || !detail.Contains($"'{missing}'", StringComparison.Ordinal))
                {
                    failures.Add($"{route} without {missing} -> {(int)refused.StatusCode} {detail}");
                }
            }
        }

        failures.Should().BeEmpty();
        foreach (var client in keys.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>A client with a key of <paramref name="principal"/> holding exactly <paramref name="scopes"/> (made once).</summary>
    private async Task<HttpClient> KeyAsync(Dictionary<string, HttpClient> keys, HttpClient admin, string principal, IEnumerable<string> scopes)
    {
        var list = scopes.Order(StringComparer.Ordinal).ToList();
        var name = principal + ":" + string.Join(',', list);
        if (!keys.TryGetValue(name, out var client))
        {
            using var created = await admin.PostAsync($"/api/v1/auth/principal/{principal}/apikey", Wire.Json(new JsonObject
            {
                ["scopes"] = new JsonArray([.. list.Select(s => (JsonNode?)s)]),
                ["expires_in"] = null,
            }));
            created.StatusCode.Should().Be(HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
            keys[name] = client = Client((await Wire.ReadJsonAsync(created))["secret"]!.ToString());
        }

        return client;
    }

    private HttpClient Client(string secret) => new()
    {
        BaseAddress = new Uri(server.BaseUrl),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Apikey", secret) },
    };

    private IEnumerable<ScopedRoute> ScopedRoutes() =>
        from endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let scopes = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<ScopeRequirement>()
            .SelectMany(r => r.Required).Distinct().ToList()
        where scopes.Count > 0
        from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []
        where method != HttpMethods.Connect
        select new ScopedRoute(endpoint.RoutePattern.RawText!, method, scopes);

    private sealed record ScopedRoute(string Pattern, string Method, IReadOnlyList<string> Scopes)
    {
        /// <summary>A request to a node or principal that does not exist: authorization comes first, so nothing changes.</summary>
        public HttpRequestMessage Request() =>
            new(new HttpMethod(Method), Pattern
                .Replace("{**path}", "scope-matrix-missing-node", StringComparison.Ordinal)
                .Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
            {
                Content = Method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };

        public override string ToString() => $"{Method} {Pattern}";
    }
}
