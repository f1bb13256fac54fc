using System.Net;
using System.Net.WebSockets;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Api.Auth;
using Tiled.Api.OpenApi;
using Tiled.Domain.Principals;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Xunit;

namespace Tiled.IntegrationTests.Security;

/// <summary>
/// Every endpoint the server maps, found at test time from its endpoint data source (so a route
/// added later is covered without editing this test), is sent requests without valid credentials
/// in every spelling that routing might still match: prefix case variants, doubled and trailing
/// slashes, percent-encoded characters, method overrides, a wrong key in each place a key can go,
/// and a valid key in the cookie for anything but a read. None may get past authorization; on a
/// public server anonymous reads may, anonymous writes never. Afterwards the data is untouched.
/// </summary>
public abstract class EndpointAccessTests<TServer>(TServer server) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    private static readonly long[] Values = [1, 2, 3, 4];

    // Probes of liveness and readiness carry no key (orchestrators send none); they reveal only "up" or "not ready".
    private static readonly string[] OpenToEveryone = ["/api/v1", "/api/v1/docs", "/healthz", "/readyz", AsyncApiDocument.Path];

    protected TServer Server { get; } = server;

    protected abstract bool PublicReads { get; }

    [Fact]
    public async Task No_spelling_of_any_endpoint_gets_past_authorization_without_valid_credentials()
    {
        if (Server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("sec");
        await Wire.CreateInt64ArrayAsync(Server.Http, key, Values);
        var metadataBefore = await MetadataAsync(key);
        var endpoints = ProtectedEndpoints().ToList();
        endpoints.Should().HaveCountGreaterThan(15, "every HTTP route of the API is enumerated");

        var failures = new List<string>();
        var publicReads = endpoints.Where(e => e.IsRead).Select(e => (e.Pattern, e.Method)).ToHashSet();
        foreach (var endpoint in endpoints)
        {
            foreach (var attempt in Attempts(endpoint, key))
            {
                using var request = attempt.Build(Server.BaseUrl);
                using var response = await Server.Anonymous.SendAsync(request);
                var status = (int)response.StatusCode;
                var ok = CouldRead(attempt, publicReads.Contains((endpoint.Pattern, attempt.Method)))
                    ? ReadAnswered(endpoint, attempt, endpoint.Pattern.Replace("{**path}", key, StringComparison.Ordinal), status)
                    : Refusals(endpoint, attempt).Contains(status);
                if (!ok)
                {
                    failures.Add($"{attempt} -> {status} (endpoint {endpoint.Pattern} {endpoint.Method})");
                }
            }
        }

        failures.Should().BeEmpty();
        Wire.ToInt64s(await Server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(Values);
        (await MetadataAsync(key)).Should().Be(metadataBefore);
    }

    [Theory]
    [InlineData("/api/v1/stream/single/")]
    [InlineData("/API/v1/stream/single/")]
    [InlineData("/Api/V1/Stream/Single/")]
    [InlineData("//api//v1/stream//single/")]
    [InlineData("/%61pi/v1/stream/single/")]
    public async Task A_WebSocket_upgrade_with_a_wrong_key_is_401_in_every_spelling(string prefix)
    {
        if (Server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("sec");
        await Wire.CreateInt64ArrayAsync(Server.Http, key, Values);

        foreach (var (query, authorization) in new[] { ("", "Apikey wrong"), ("?api_key=wrong", (string?)null) })
        {
            using var request = WebSocketClient.UpgradeRequest(Server.BaseUrl + prefix + key + query, authorization);
            using var response = await Server.Anonymous.SendAsync(request);
            (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Should().Be("Invalid API key");
        }
    }

    /// <summary>
    /// True when the request, as actually sent (the override header means nothing), is a read its
    /// credentials allow: anonymous on a public server, to a route whose scopes the public holds
    /// (<paramref name="publicRoute"/>; a cookie on anything but GET counts as nothing), or the
    /// cookie with GET.
    /// </summary>
    private bool CouldRead(Attempt attempt, bool publicRoute)
    {
        var get = attempt.Method == HttpMethods.Get;
        var anonymous = attempt.Credential == Credential.None || (attempt.Credential == Credential.ValidCookie && !get);
        return (anonymous && PublicReads && publicRoute) || (attempt.Credential == Credential.ValidCookie && get);
    }

    /// <summary>An allowed read: never a 5xx, and not refused when it is the route's own spelling.</summary>
    private static bool ReadAnswered(EndpointInfo endpoint, Attempt attempt, string canonicalPath, int status) =>
        status < 500 && !(status == 401 && attempt.Path == canonicalPath && attempt.Override is null && !endpoint.IsWebSocket);

    /// <summary>
    /// 401 always; a WebSocket route also answers a plain GET without credentials with 400 (not an
    /// upgrade: with one, the first frame would have to authenticate).
    /// </summary>
    private static int[] Refusals(EndpointInfo endpoint, Attempt attempt) =>
        endpoint.IsWebSocket && attempt.Method == HttpMethods.Get && attempt.Credential is Credential.None or Credential.ValidCookie
            ? [400, 401]
            : [401];

    private async Task<string> MetadataAsync(string key)
    {
        var document = await Wire.ReadJsonAsync(await Server.Http.GetAsync($"/api/v1/metadata/{key}"));
        return document["data"]!["attributes"]!["metadata"]!.ToJsonString();
    }

    private IEnumerable<EndpointInfo> ProtectedEndpoints()
    {
        var source = Server.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                OpenToEveryone.Should().Contain(pattern.TrimEnd('/'),
                    "only the about document, the documentation and the health probes are open to everyone");
                continue;
            }

            var webSocket = endpoint.Metadata.Any(m => m.GetType().Name == "WebSocketCredentials");
            // Extended CONNECT (WebSockets over HTTP/2) needs an HTTP/2 client; its GET twin is tested.
            foreach (var method in methods.Where(m => m != HttpMethods.Connect))
            {
                yield return new EndpointInfo(pattern, method, IsPublicRead(endpoint), webSocket);
            }
        }
    }

    /// <summary>A route whose scopes a public server grants to everyone (reads of metadata and data).</summary>
    private static bool IsPublicRead(RouteEndpoint endpoint)
    {
        var required = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<ScopeRequirement>()
            .SelectMany(r => r.Required).ToList();
        return required.Count > 0 && required.All(Scopes.Public.Contains);
    }

    private static IEnumerable<Attempt> Attempts(EndpointInfo endpoint, string key)
    {
        var path = endpoint.Pattern.Replace("{**path}", key, StringComparison.Ordinal);
        var rest = path["/api/v1".Length..];
        string[] spellings =
        [
            path, "/API/v1" + rest, "/Api/V1" + rest.ToUpperInvariant().Replace(key.ToUpperInvariant(), key, StringComparison.Ordinal),
            "/api/V1" + rest, "//api//v1/" + rest.Replace("/", "//", StringComparison.Ordinal), path + "/",
            "/%61pi/v1" + rest, "/api%2Fv1" + rest, path.Replace("/" + key, "%2F" + key, StringComparison.Ordinal),
        ];
        foreach (var spelling in spellings)
        {
            foreach (var credential in Enum.GetValues<Credential>())
            {
                if (credential == Credential.ValidCookie && endpoint.IsRead && !endpoint.IsWebSocket)
                {
                    continue; // A cookie is a valid credential for reads.
                }

                yield return new Attempt(endpoint.Method, spelling, credential, null);
                foreach (var carrier in new[] { HttpMethods.Post, HttpMethods.Get })
                {
                    if (carrier != endpoint.Method)
                    {
                        yield return new Attempt(carrier, spelling, credential, endpoint.Method);
                    }
                }
            }
        }
    }

    private sealed record EndpointInfo(string Pattern, string Method, bool IsRead, bool IsWebSocket);

    private enum Credential { None, WrongHeader, WrongQuery, ValidCookie }

    private sealed record Attempt(string Method, string Path, Credential Credential, string? Override)
    {
        public HttpRequestMessage Build(string baseUrl)
        {
            var uri = Credential == Credential.WrongQuery ? Path + "?api_key=wrong" : Path;
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseUrl + uri));
            if (Override is not null)
            {
                request.Headers.Add("X-HTTP-Method-Override", Override);
            }

            if (Credential == Credential.WrongHeader)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Apikey wrong");
            }

            if (Credential == Credential.ValidCookie)
            {
                request.Headers.Add("Cookie", $"tiled_api_key={TiledServerFixture.ApiKey}");
            }

            if (Method != HttpMethods.Get && Method != HttpMethods.Delete)
            {
                request.Content = Wire.Octets(Wire.Int64s(9, 9, 9, 9));
            }

            return request;
        }

        public override string ToString() => $"{Method} {Path} [{Credential}{(Override is null ? "" : $", override {Override}")}]";
    }
}

public sealed class PrivateEndpointAccessTests(SqliteServer server) : EndpointAccessTests<SqliteServer>(server)
{
    protected override bool PublicReads => false;

    [Fact]
    public async Task A_WebSocket_ignores_a_valid_key_in_the_cookie_and_asks_for_the_first_frame()
    {
        if (Server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("sec");
        await Wire.CreateInt64ArrayAsync(Server.Http, key, 1);
        using var socket = new ClientWebSocket();
        socket.Options.Cookies = new CookieContainer();
        socket.Options.Cookies.Add(new Uri(Server.BaseUrl), new Cookie("tiled_api_key", TiledServerFixture.ApiKey));
        var uri = new Uri(string.Concat("ws", Server.BaseUrl.AsSpan(4), "/api/v1/stream/single/", key));
        await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(WebSocketClient.Deadline);

        // Had the cookie counted, the schema would come first and this frame would be ignored.
        await WebSocketClient.SendTextAsync(socket, "{\"type\": \"auth\", \"api_key\": \"wrong\"}");

        (await WebSocketClient.ReadUntilCloseAsync(socket)).Code.Should().Be(4003);
    }
}

public sealed class PublicEndpointAccessTests(PublicSqliteServer server) : EndpointAccessTests<PublicSqliteServer>(server)
{
    protected override bool PublicReads => true;
}
