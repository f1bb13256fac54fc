using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Application.Abstractions;
using Tiled.Domain.Nodes;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Search;

/// <summary>
/// Sorting is applied before paging and is total: paging through a few thousand children, sorted by
/// a key with many ties, visits each child once, in the order the sort defines.
/// </summary>
public abstract class SearchPagingTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private const int Children = 2500;

    [Fact]
    public async Task Pages_of_a_sorted_filtered_search_visit_each_match_once_in_sort_order()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = Wire.NewKey("p");
        var catalog = server.Services.GetRequiredService<INodeCatalog>();
        await catalog.CreateAsync(NodePath.Parse(parent), StructureFamily.Container, [], [], [], default);
        for (var i = 0; i < Children; i++)
        {
            var metadata = new JsonObject { ["group"] = i % 7, ["name"] = $"n{i % 13}", ["run"] = new JsonObject { ["odd"] = i % 2 == 1 } };
            await catalog.CreateAsync(NodePath.Parse($"{parent}/k{i:D5}"), StructureFamily.Container, metadata, [], [], default);
        }

        var expected = Enumerable.Range(0, Children)
            .Where(i => i % 2 == 1)
            .OrderByDescending(i => i % 7).ThenBy(i => $"n{i % 13}", StringComparer.Ordinal).ThenBy(i => i)
            .Select(i => $"k{i:D5}")
            .ToList();

        var seen = new List<string>();
        string? next = $"/api/v1/search/{parent}?filter[eq][condition][key]=run.odd&filter[eq][condition][value]=true&sort=-group&sort=name&page[limit]=300&fields=";
        while (next is not null)
        {
            var response = await server.Http.GetAsync(next);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            page["meta"]!["count"]!.GetValue<long>().Should().Be(expected.Count);
            seen.AddRange(page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()));
            next = page["links"]!["next"]?.GetValue<string>();
        }

        seen.Should().Equal(expected);

        var reversed = await server.Http.GetStringAsync($"/api/v1/search/{parent}?sort=-&page[offset]={Children - 3}&page[limit]=5&fields=");
        JsonNode.Parse(reversed)!["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).Should().Equal("k00002", "k00001", "k00000");
    }
}

public sealed class SqliteSearchPagingTests(SqliteServer server) : SearchPagingTests<SqliteServer>(server);

public sealed class PostgresSearchPagingTests(PostgresServer server) : SearchPagingTests<PostgresServer>(server);
