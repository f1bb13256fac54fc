using FluentAssertions;
using Tiled.Client;
using Tiled.Client.Queries;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Search;

/// <summary>The .NET client's search: composable queries, sorting, lazy paging and distinct values.</summary>
public abstract class SearchClientTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    [Fact]
    public async Task Searches_compose_and_views_list_count_and_page_only_their_matches()
    {
        if (server.UnavailableReason is not null) { return; }
        var container = await ContainerAsync();

        var red = container.Search(new Key("color") == "red");
        var hot = red.Search(new Key("t") > 150);

        (await red.CountAsync()).Should().Be(2);
        (await ToListAsync(red.KeysAsync())).Should().Equal("a", "c");
        (await ToListAsync(hot.KeysAsync())).Should().Equal("c");
        hot.Queries.Should().HaveCount(2);
        (await container.CountAsync()).Should().Be(5, "searching returns a new view");
        var items = new List<string>();
        await foreach (var item in container.Search(new FullText("foil")).ItemsAsync(pageSize: 1))
        {
            items.Add($"{item.Key}:{item.StructureFamily}");
        }

        items.Should().Equal("a:container", "b:array");
    }

    [Fact]
    public async Task Every_query_type_of_the_client_is_understood_by_the_server()
    {
        if (server.UnavailableReason is not null) { return; }
        var container = await ContainerAsync();

        async Task<IEnumerable<string>> Keys(Query query) => await ToListAsync(container.Search(query).KeysAsync());

        (await Keys(new Key("color") != "red")).Should().Equal("b", "d");
        (await Keys(new Key("t") <= 100)).Should().Equal("a");
        (await Keys(new Key("t") >= 300)).Should().Equal("c");
        (await Keys(new Key("sample.name") < "D")).Should().Equal("b");
        (await Keys(new Contains("tags", "ccd"))).Should().Equal("a");
        (await Keys(new In("color", ["red", "blue"]))).Should().Equal("a", "b", "c");
        (await Keys(new NotIn("color", ["red"]))).Should().Equal("b", "d");
        (await Keys(new KeyPresent("tags", false))).Should().Equal("d", "e");
        (await Keys(new Like("sample.name", "Ni%"))).Should().Equal("a");
        (await Keys(new Regex("sample.name", "^ni", CaseSensitive: false))).Should().Equal("a", "c");
        (await Keys(new KeyLookup("c"))).Should().Equal("c");
        (await Keys(new KeysFilter(["a", "e"]))).Should().Equal("a", "e");
        (await Keys(new SpecsQuery(["xdi"], ["other"]))).Should().Equal("a");
        (await Keys(new StructureFamilyQuery("array"))).Should().Equal("b");
        (await Keys(new Key("nested.deep") == new Dictionary<string, int[]> { ["x"] = [1, 2] })).Should().Equal("d");
    }

    [Fact]
    public async Task Sorted_views_page_in_order_and_distinct_counts_the_view()
    {
        if (server.UnavailableReason is not null) { return; }
        var container = await ContainerAsync();

        (await ToListAsync(container.Sort(("color", 1), ("t", -1)).KeysAsync())).Should().Equal("b", "c", "a", "d", "e");
        var page = await container.Sort(("id", -1)).ListAsync(offset: 1, limit: 2);
        page.Select(n => n.Key).Should().Equal("d", "c");

        var distinct = await container.Search(new StructureFamilyQuery("container")).DistinctAsync(["color"], structureFamilies: true, counts: true);
        distinct.Metadata!["color"].Select(v => (v.Value!.ToJsonString(), v.Count)).Should().Equal([("\"red\"", 2L), ("5", 1L)]);
        distinct.StructureFamilies!.Single().Count.Should().Be(4);
        distinct.Specs.Should().BeNull();
    }

    private async Task<ContainerClient> ContainerAsync()
    {
        var parent = await SearchCatalog.CreateAsync(server.Http);
        var root = await server.ConnectAsync();
        return (ContainerClient)await root.GetAsync(parent);
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> keys)
    {
        var list = new List<string>();
        await foreach (var key in keys)
        {
            list.Add(key);
        }

        return list;
    }
}

public sealed class SqliteSearchClientTests(SqliteServer server) : SearchClientTests<SqliteServer>(server);

public sealed class PostgresSearchClientTests(PostgresServer server) : SearchClientTests<PostgresServer>(server);
