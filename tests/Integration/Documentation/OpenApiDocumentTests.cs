using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Tiled.Api.OpenApi;
using Tiled.Api.Search;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Documentation;

/// <summary>
/// The OpenAPI document at /openapi/v1.json is valid, and complete for every route the server maps
/// (found at test time): operation id, tag, every declared query parameter, bodies, media types,
/// error answers with the error schema, and the Apikey security scheme. Nested node paths work as
/// Swagger UI sends them (slashes as %2F).
/// </summary>
public sealed class OpenApiDocumentTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    [Fact]
    public async Task The_document_is_valid_OpenAPI_with_the_Apikey_scheme()
    {
        if (server.UnavailableReason is not null) { return; }
        var text = await server.Anonymous.GetStringAsync(ApiDocumentation.OpenApiPath);

        var result = OpenApiDocument.Parse(text, "json");

        result.Diagnostic!.Errors.Should().BeEmpty();
        var scheme = result.Document!.Components!.SecuritySchemes!["Apikey"];
        scheme.Type.Should().Be(SecuritySchemeType.ApiKey);
        scheme.In.Should().Be(ParameterLocation.Header);
        scheme.Name.Should().Be("Authorization");
    }

    [Fact]
    public async Task Every_route_has_an_id_a_tag_a_success_response_and_error_answers_with_the_error_schema()
    {
        if (server.UnavailableReason is not null) { return; }
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var failures = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var operation = paths[endpoint.Path]?[endpoint.Method];
            if (operation is null)
            {
                failures.Add($"{endpoint}: missing from the document");
                continue;
            }

            Check(operation["operationId"] is not null, endpoint, "no operationId", failures);
            Check(operation["tags"]?.AsArray().Count > 0, endpoint, "no tag", failures);
            Check(operation["responses"]?["200"]?["content"]?.AsObject().Count > 0 || operation["responses"]?["101"] is not null,
                endpoint, "no media type for 200 (nor a 101 upgrade)", failures);
            Check(operation["responses"]?["401"] is not null == !endpoint.Anonymous, endpoint, "401 listed iff credentials are needed", failures);
            Check(operation["security"] is not null == !endpoint.Anonymous, endpoint, "security iff credentials are needed", failures);
            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                Check(response?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/ErrorBody",
                    endpoint, $"{status} without the error schema", failures);
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task Every_query_parameter_a_route_declares_is_in_its_operation()
    {
        if (server.UnavailableReason is not null) { return; }
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var failures = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var documented = paths[endpoint.Path]?[endpoint.Method]?["parameters"]?.AsArray()
                .Where(p => p?["in"]?.GetValue<string>() == "query")
                .Select(p => p!["name"]!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var parameter in endpoint.Declared)
            {
                var names = parameter == QueryParameters.Filters
                    ? FilterDecoder.All.SelectMany(q => q.Value.Required.Concat(q.Value.Optional).Select(f => $"filter[{q.Key}][condition][{f}]"))
                    : [parameter.Name];
                failures.AddRange(names.Where(n => !documented.Contains(n)).Select(n => $"{endpoint}: {n} not documented"));
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Every_catalogued_query_parameter_is_declared_by_some_route()
    {
        if (server.UnavailableReason is not null) { return; }
        var declared = Endpoints().SelectMany(e => e.Declared).ToHashSet();
        var catalogue = typeof(QueryParameters).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (QueryParameter)f.GetValue(null)!);

        catalogue.Where(p => !declared.Contains(p)).Select(p => p.Name).Should().BeEmpty();
    }

    [Fact]
    public async Task Json_bodies_have_schemas_and_raw_bodies_list_their_content_types()
    {
        if (server.UnavailableReason is not null) { return; }
        var paths = (await DocumentAsync())["paths"]!.AsObject();

        var create = paths["/api/v1/metadata/{path}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        create["$ref"]!.GetValue<string>().Should().Be("#/components/schemas/CreateNodeBody");
        var write = paths["/api/v1/array/full/{path}"]!["put"]!["requestBody"]!["content"]!["application/octet-stream"]!["schema"]!;
        write["format"]!.GetValue<string>().Should().Be("binary");
        paths["/api/v1/table/partition/{path}"]!["patch"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key)
            .Should().Contain("application/vnd.apache.arrow.file");
        paths["/api/v1/array/full/{path}"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key)
            .Should().Contain(["application/octet-stream", "application/json", "text/csv"]);
    }

    [Fact]
    public async Task A_nested_path_written_as_Swagger_UI_sends_it_reaches_the_node()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("exp");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        var child = Wire.NewKey("x");
        (await server.Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.Int64Body(child, 3)))).EnsureSuccessStatusCode();
        (await server.Http.PutAsync($"/api/v1/array/full/{parent}%2F{child}", Wire.Octets(Wire.Int64s(7, 8, 9)))).EnsureSuccessStatusCode();

        var document = await Wire.ReadJsonAsync(await server.Http.GetAsync($"/api/v1/metadata/{parent}%2F{child}"));
        var data = await server.Http.GetByteArrayAsync($"/api/v1/array/full/{parent}%2f{child}");
        var root = await server.Http.GetAsync("/api/v1/search/%2F?fields=");

        document["data"]!["id"]!.GetValue<string>().Should().Be(child);
        Wire.ToInt64s(data).Should().Equal(7, 8, 9);
        root.StatusCode.Should().Be(HttpStatusCode.OK, "`/` (sent as %2F) names the root");
    }

    [Fact]
    public async Task The_about_document_links_to_documentation_that_is_served()
    {
        if (server.UnavailableReason is not null) { return; }
        (await server.Anonymous.GetAsync(ApiDocumentation.DocsPath + "/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.Anonymous.GetAsync(AsyncApiDocument.Path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static void Check(bool condition, RouteInfo endpoint, string problem, List<string> failures)
    {
        if (!condition)
        {
            failures.Add($"{endpoint}: {problem}");
        }
    }

    private async Task<JsonObject> DocumentAsync() => await Wire.ReadJsonAsync(await server.Anonymous.GetAsync(ApiDocumentation.OpenApiPath));

    /// <summary>Every documented HTTP route of the running server (WebSocket-only and excluded routes aside).</summary>
    private IEnumerable<RouteInfo> Endpoints() =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new RouteInfo(
                e.RoutePattern.RawText!.Replace("{**path}", "{path}", StringComparison.Ordinal),
                m.ToLowerInvariant(),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetOrderedMetadata<DocumentedQuery>().SelectMany(d => d.Parameters).ToList())))
            .Where(r => Methods.Contains(r.Method));

    private sealed record RouteInfo(string Path, string Method, bool Anonymous, IReadOnlyList<QueryParameter> Declared)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }
}
