using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using System.Text.RegularExpressions;
using Tiled.Api.Hosting;
using Tiled.Client;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>
/// Every link the server advertises resolves (issue #17): the about document's, each node
/// family's, and a search page's; a link with a template (<c>{index}</c>, <c>{0}</c>) is followed
/// with the template filled in.
/// </summary>
public sealed class AdvertisedLinkTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Fact]
    public async Task Issue_17_every_address_the_start_up_banner_prints_answers()
    {
        if (server.UnavailableReason is not null) { return; }
        var banner = StartupBanner.Lines(server.App, server.Settings);
        var urls = banner.SelectMany(line => Regex.Matches(line, @"http://[^\s,()]+").Select(m => m.Value)).Distinct().ToList();

        urls.Should().Contain(u => u.EndsWith("/ui/", StringComparison.Ordinal), "the web view is part of the server");
        foreach (var url in urls)
        {
            using var response = await server.Http.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task Issue_17_the_about_documents_links_resolve_and_documentation_is_a_page()
    {
        if (server.UnavailableReason is not null) { return; }
        var about = await Wire.ReadJsonAsync(await server.Http.GetAsync("/api/v1/"));

        var links = about["links"]!.AsObject();
        links.Select(l => l.Key).Should().BeEquivalentTo("self", "documentation");
        foreach (var (_, link) in links)
        {
            (await server.Http.GetAsync(link!.ToString())).StatusCode.Should().Be(HttpStatusCode.OK, link.ToString());
        }

        var documentation = await server.Anonymous.GetAsync(links["documentation"]!.ToString());
        documentation.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await server.Http.GetAsync(about["authentication"]!["links"]!["whoami"]!.ToString())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Http.PostAsync(about["authentication"]!["links"]!["logout"]!.ToString(), null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Links_use_the_host_and_scheme_a_proxy_forwards()
    {
        if (server.UnavailableReason is not null) { return; }
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/");
        request.Headers.Add("X-Forwarded-Host", "proxy.example:8443, inner.example");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var about = await Wire.ReadJsonAsync(await server.Http.SendAsync(request));

        about["links"]!["self"]!.ToString().Should().StartWith("https://proxy.example:8443/api/v1");
    }

    [Theory]
    [InlineData("X-Forwarded-Host", "\u00e9.example")]
    [InlineData("X-Forwarded-Host", "a b")]
    [InlineData("X-Forwarded-Host", "user@host")]
    [InlineData("X-Forwarded-Proto", "ht tp")]
    public async Task A_forwarded_host_or_scheme_that_is_not_one_is_a_400_with_or_without_credentials(string header, string value)
    {
        if (server.UnavailableReason is not null) { return; }
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };
        foreach (var authorization in new[] { $"Apikey {TiledServerFixture.ApiKey}", null })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metadata/");
            request.Headers.TryAddWithoutValidation(header, value);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await client.SendAsync(request);

            (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain(header);
        }
    }

    [Fact]
    public async Task A_write_with_a_forwarded_scheme_that_is_not_one_is_refused_before_anything_is_stored()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("fwd");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/metadata/") { Content = Wire.Json(Wire.ContainerBody(key)) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "ht tp");

        using var response = await server.Http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await server.Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Issue_17_every_link_of_a_container_an_array_and_a_table_resolves()
    {
        if (server.UnavailableReason is not null) { return; }
        var root = await server.ConnectAsync();
        var folder = await root.CreateContainerAsync(Wire.NewKey("links"));
        await folder.WriteArrayAsync(NdArray.From(1L, 2L, 3L), key: "x");
        await folder.WriteTableAsync(TableFrame.Empty.With("a", new long?[] { 1, 2 }), key: "t");

        var top = string.Join('/', folder.Path);
        foreach (var path in new[] { top, $"{top}/x", $"{top}/t" })
        {
            var document = await Wire.ReadJsonAsync(await server.Http.GetAsync($"/api/v1/metadata/{path}"));
            var links = document["data"]!["links"]!.AsObject();
            links.Should().NotBeEmpty();
            foreach (var (name, link) in links)
            {
                var filled = link!.ToString().Replace("{index}", "0", StringComparison.Ordinal).Replace("{0}", "0", StringComparison.Ordinal);
                var response = await server.Http.GetAsync(filled);
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{name} of /{path}: {filled}");
            }
        }
    }

    [Fact]
    public async Task Issue_17_a_search_pages_links_resolve()
    {
        if (server.UnavailableReason is not null) { return; }
        var root = await server.ConnectAsync();
        var folder = await root.CreateContainerAsync(Wire.NewKey("page"));
        await folder.CreateContainerAsync("a");
        await folder.CreateContainerAsync("b");

        var page = await Wire.ReadJsonAsync(await server.Http.GetAsync($"/api/v1/search/{folder.Path[0]}?page[limit]=1"));

        foreach (var (name, link) in page["links"]!.AsObject().Where(l => l.Value is JsonValue))
        {
            (await server.Http.GetAsync(link!.ToString())).StatusCode.Should().Be(HttpStatusCode.OK, $"{name}: {link}");
        }
    }
}
