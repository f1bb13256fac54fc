using System.Net;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Search;

/// <summary>
/// Every built-in query, alone and combined, with the parameters exactly as Tiled's Python client
/// encodes them; the same cases on SQLite and PostgreSQL (protocol additions §3).
/// </summary>
public abstract class SearchTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    public static TheoryData<string, string[]> Queries => new()
    {
        { "filter%5Beq%5D%5Bcondition%5D%5Bkey%5D=color&filter%5Beq%5D%5Bcondition%5D%5Bvalue%5D=%22red%22", ["a", "c"] },
        { "filter[eq][condition][key]=color&filter[eq][condition][value]=5", ["d"] },
        { "filter[eq][condition][key]=color&filter[eq][condition][value]=%225%22", [] },
        { "filter[eq][condition][key]=sample.name&filter[eq][condition][value]=%22Ni foil%22", ["a"] },
        { "filter[eq][condition][key]=flag&filter[eq][condition][value]=true", ["a"] },
        { "filter[eq][condition][key]=flag&filter[eq][condition][value]=false", ["b"] },
        { "filter[eq][condition][key]=t&filter[eq][condition][value]=100.0", ["a"] },
        { "filter[eq][condition][key]=tags&filter[eq][condition][value]=[%22ccd%22,%22x%22]", ["a"] },
        { "filter[eq][condition][key]=tags&filter[eq][condition][value]=[%22x%22,%22ccd%22]", [] },
        { "filter[eq][condition][key]=tags&filter[eq][condition][value]=[%22ccd%22]", [] },
        { "filter[eq][condition][key]=nested.deep&filter[eq][condition][value]={%22x%22:[1,2]}", ["d"] },
        { "filter[eq][condition][key]=sample.name.x&filter[eq][condition][value]=1", [] },
        { "filter[noteq][condition][key]=color&filter[noteq][condition][value]=%22red%22", ["b", "d"] },
        { "filter[comparison][condition][operator]=gt&filter[comparison][condition][key]=t&filter[comparison][condition][value]=200", ["b", "c"] },
        { "filter[comparison][condition][operator]=le&filter[comparison][condition][key]=t&filter[comparison][condition][value]=100", ["a"] },
        { "filter[comparison][condition][operator]=ge&filter[comparison][condition][key]=t&filter[comparison][condition][value]=300", ["c"] },
        { "filter[comparison][condition][operator]=lt&filter[comparison][condition][key]=sample.name&filter[comparison][condition][value]=%22D%22", ["b"] },
        { "filter[comparison][condition][operator]=ge&filter[comparison][condition][key]=t&filter[comparison][condition][value]=%22300%22", ["d"] },
        { "filter[contains][condition][key]=tags&filter[contains][condition][value]=%22ccd%22", ["a"] },
        { "filter[contains][condition][key]=note&filter[contains][condition][value]=%22dog%22", ["a", "b"] },
        { "filter[contains][condition][key]=nested.deep.x&filter[contains][condition][value]=2", ["d"] },
        { "filter[in][condition][key]=color&filter[in][condition][value]=[%22red%22,%22blue%22]", ["a", "b", "c"] },
        { "filter[in][condition][key]=color&filter[in][condition][value]=[]", [] },
        { "filter[notin][condition][key]=color&filter[notin][condition][value]=[%22red%22]", ["b", "d"] },
        { "filter[notin][condition][key]=color&filter[notin][condition][value]=[]", ["a", "b", "c", "d", "e"] },
        { "filter[keypresent][condition][key]=tags&filter[keypresent][condition][exists]=true", ["a", "b", "c"] },
        { "filter[keypresent][condition][key]=tags&filter[keypresent][condition][exists]=false", ["d", "e"] },
        { "filter[keypresent][condition][key]=sample.name&filter[keypresent][condition][exists]=true", ["a", "b", "c"] },
        { "filter[like][condition][key]=sample.name&filter[like][condition][pattern]=%22Ni%25%22", ["a"] },
        { "filter[like][condition][key]=sample.name&filter[like][condition][pattern]=%22%25_foil%22", ["a", "b"] },
        { "filter[regex][condition][key]=sample.name&filter[regex][condition][pattern]=^ni&filter[regex][condition][case_sensitive]=false", ["a", "c"] },
        { "filter[regex][condition][key]=sample.name&filter[regex][condition][pattern]=^ni&filter[regex][condition][case_sensitive]=true", ["c"] },
        { "filter[regex][condition][key]=sample.name&filter[regex][condition][pattern]=o(il|w)", ["a", "b", "c"] },
        { "filter[fulltext][condition][text]=dog", ["a"] },
        { "filter[fulltext][condition][text]=DOG%20cat", ["a"] },
        { "filter[fulltext][condition][text]=foil", ["a", "b"] },
        { "filter[fulltext][condition][text]=do", ["c"] },
        { "filter[fulltext][condition][text]=color", [] },
        { "filter[lookup][condition][key]=c", ["c"] },
        { "filter[lookup][condition][key]=c&filter[lookup][condition][key]=a", [] },
        { "filter[keys_filter][condition][keys]=[%22a%22,%22e%22,%22zz%22]", ["a", "e"] },
        { "filter[specs][condition][include]=[%22xdi%22]&filter[specs][condition][exclude]=[]", ["a", "c"] },
        { "filter[specs][condition][include]=[%22xdi%22]&filter[specs][condition][exclude]=[%22other%22]", ["a"] },
        { "filter[specs][condition][include]=[]&filter[specs][condition][exclude]=[%22xdi%22]", ["b", "d", "e"] },
        { "filter[structure_family][condition][value]=array", ["b"] },
        { "filter[structure_family][condition][value]=container", ["a", "c", "d", "e"] },
        { "filter[structure_family][condition][value]=sparse", [] },
        { "filter[access_blob_filter][condition][user_id]=alice&filter[access_blob_filter][condition][tags]=[%22t%22]", [] },
        // Several queries are ANDed.
        { "filter[eq][condition][key]=color&filter[eq][condition][value]=%22red%22&filter[comparison][condition][operator]=gt&filter[comparison][condition][key]=t&filter[comparison][condition][value]=150", ["c"] },
        { "filter[fulltext][condition][text]=foil&filter[structure_family][condition][value]=container", ["a"] },
        { "filter[eq][condition][key]=color&filter[eq][condition][value]=%22red%22&filter[eq][condition][key]=tags&filter[eq][condition][value]=[]", ["c"] },
        { "filter[keypresent][condition][key]=t&filter[keypresent][condition][exists]=true&filter[notin][condition][key]=t&filter[notin][condition][value]=[100]&filter[specs][condition][include]=[]&filter[specs][condition][exclude]=[%22other%22]", ["b", "d"] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Each_query_finds_exactly_the_matching_children(string query, string[] expected)
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var page = await SearchAsync($"/api/v1/search/{parent}?{query}&fields=");

        Ids(page).Should().Equal(expected, query);
        page["meta"]!["count"]!.GetValue<long>().Should().Be(expected.Length);
    }

    [Theory]
    [InlineData("sort=t", new[] { "d", "a", "b", "c", "e" })]
    [InlineData("sort=-t", new[] { "e", "c", "b", "a", "d" })]
    [InlineData("sort=-id", new[] { "e", "d", "c", "b", "a" })]
    [InlineData("sort=id", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("sort=-", new[] { "e", "d", "c", "b", "a" })]
    [InlineData("sort=color&sort=-", new[] { "b", "c", "a", "d", "e" })]
    [InlineData("sort=metadata.color&sort=-metadata.t", new[] { "b", "c", "a", "d", "e" })]
    [InlineData("sort=sample.name", new[] { "b", "a", "c", "d", "e" })]
    [InlineData("sort=flag&sort=", new[] { "b", "a", "c", "d", "e" })]
    public async Task Sorting_orders_by_type_then_value_with_missing_values_last(string sort, string[] expected)
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        Ids(await SearchAsync($"/api/v1/search/{parent}?{sort}&fields=")).Should().Equal(expected);
    }

    [Theory]
    [InlineData("filter[nope][condition][key]=x", HttpStatusCode.BadRequest, "filter[nope][condition][key]")]
    [InlineData("filter[eq][condition][key]=x", HttpStatusCode.BadRequest, "filter[eq][condition][value]")]
    [InlineData("filter[eq][condition][key]=x&filter[eq][condition][value]=red", HttpStatusCode.BadRequest, "filter[eq][condition][value]")]
    [InlineData("filter[comparison][condition][operator]=eq&filter[comparison][condition][key]=x&filter[comparison][condition][value]=1", HttpStatusCode.BadRequest, "operator")]
    [InlineData("filter[regex][condition][key]=x&filter[regex][condition][pattern]=[", HttpStatusCode.BadRequest, "filter[regex][condition][pattern]")]
    [InlineData("sort=color&sort=color", HttpStatusCode.BadRequest, "Duplicate sorting key: color")]
    [InlineData("sort=-&sort=color", HttpStatusCode.BadRequest, "Default sorting")]
    [InlineData("sort=a%2Fb", HttpStatusCode.UnprocessableEntity, "sort")]
    [InlineData("fields=bogus", HttpStatusCode.UnprocessableEntity, "fields")]
    [InlineData("max_depth=9", HttpStatusCode.UnprocessableEntity, "max_depth")]
    [InlineData("select_metadata=a.%5Bb", HttpStatusCode.BadRequest, "Malformed 'select_metadata' parameter raised JMESPathError")]
    [InlineData("page[cursor]=1&page[offset]=0", HttpStatusCode.BadRequest, "Cannot specify both page[cursor] and page[offset]")]
    [InlineData("page[cursor]=1&sort=color", HttpStatusCode.BadRequest, "page[cursor]")]
    public async Task Bad_parameters_are_refused_naming_the_parameter(string query, HttpStatusCode status, string named)
    {
        if (server.UnavailableReason is not null) { return; }

        var detail = await (await Http.GetAsync($"/api/v1/search/?{query}")).ShouldBeProblemAsync(status);

        detail.Should().Contain(named);
    }

    [Fact]
    public async Task A_regex_postgresql_cannot_compile_is_a_400_on_every_catalog()
    {
        if (server.UnavailableReason is not null) { return; }

        // Valid for .NET, not for PostgreSQL's regular expressions (a possessive quantifier).
        var response = await Http.GetAsync("/api/v1/search/?filter[regex][condition][key]=x&filter[regex][condition][pattern]=a%2B%2B");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fields_select_metadata_omit_links_and_data_sources_shape_the_items()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var selected = await SearchAsync($"/api/v1/search/{parent}?filter[lookup][condition][key]=a&select_metadata=sample.name&omit_links=true");
        var item = selected["data"]![0]!;
        item["attributes"]!["metadata"]!.ToJsonString().Should().Be("""{"selected":"Ni foil"}""");
        item["links"].Should().BeNull();

        var keysOnly = (await SearchAsync($"/api/v1/search/{parent}?filter[lookup][condition][key]=b&fields="))["data"]![0]!;
        keysOnly["attributes"]!.AsObject().Select(p => p.Key).Should().Equal("ancestors");
        keysOnly["links"]!.AsObject().Select(p => p.Key).Should().Equal("self");

        var some = (await SearchAsync($"/api/v1/search/{parent}?filter[lookup][condition][key]=b&fields=metadata&fields=specs&include_data_sources=true&max_depth=2"))["data"]![0]!;
        some["attributes"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("ancestors", "metadata", "specs");

        var sources = (await SearchAsync($"/api/v1/search/{parent}?filter[lookup][condition][key]=b&include_data_sources=true"))["data"]![0]!;
        sources["attributes"]!["data_sources"]!.AsArray().Should().ContainSingle();

        var countOnly = await SearchAsync($"/api/v1/search/{parent}?fields=count&filter[structure_family][condition][value]=container");
        countOnly["data"]!.AsArray().Should().BeEmpty();
        countOnly["meta"]!["count"]!.GetValue<long>().Should().Be(4);
    }

    [Fact]
    public async Task Next_links_keep_the_filters_and_sort()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var seen = new List<string>();
        string? next = $"/api/v1/search/{parent}?filter[structure_family][condition][value]=container&sort=-id&page[limit]=1&fields=";
        while (next is not null)
        {
            var page = await SearchAsync(next);
            page["meta"]!["count"]!.GetValue<long>().Should().Be(4);
            seen.AddRange(Ids(page));
            next = page["links"]!["next"]?.GetValue<string>();
        }

        seen.Should().Equal("e", "d", "c", "a");
    }

    [Fact]
    public async Task A_cursor_pages_in_insertion_order()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);
        var first = await SearchAsync($"/api/v1/search/{parent}?page[cursor]=0&page[limit]=2&fields=");
        var seen = Ids(first).ToList();
        string? next = first["links"]!["next"]?.GetValue<string>();
        while (next is not null)
        {
            var page = await SearchAsync(next);
            seen.AddRange(Ids(page));
            next = page["links"]!["next"]?.GetValue<string>();
        }

        seen.Should().Equal(SearchCatalog.Keys);
    }

    [Fact]
    public async Task Distinct_reports_values_families_and_specs_of_the_children_only()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var report = await SearchAsync($"/api/v1/distinct/{parent}?metadata=color&metadata=sample.name&structure_families=true&specs=true&counts=true");

        report["metadata"]!["color"]!.ToJsonString().Should().Be(
            """[{"value":"red","count":2},{"value":"blue","count":1},{"value":5,"count":1}]""");
        report["metadata"]!["sample.name"]!.AsArray().Select(v => v!["value"]!.ToJsonString())
            .Should().Equal("\"Cu foil\"", "\"Ni foil\"", "\"ni powder\"");
        report["structure_families"]!.ToJsonString().Should().Be(
            """[{"value":"container","count":4},{"value":"array","count":1}]""");
        report["specs"]!.AsArray().Select(v => (v!["value"]!.AsArray().Count, v["count"]!.GetValue<long>()))
            .Should().Equal([(0, 3L), (2, 1L), (1, 1L)], "ties go by JSON text");
    }

    [Fact]
    public async Task Distinct_applies_filters_and_leaves_out_what_was_not_asked()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var report = await SearchAsync($"/api/v1/distinct/{parent}?metadata=color&filter[structure_family][condition][value]=container");

        report["metadata"]!["color"]!.ToJsonString().Should().Be("""[{"value":"red","count":null},{"value":5,"count":null}]""");
        report["structure_families"].Should().BeNull();
        report["specs"].Should().BeNull();
        report.Select(p => p.Key).Should().BeEquivalentTo("metadata", "structure_families", "specs");
        var none = await SearchAsync($"/api/v1/distinct/{parent}?metadata=missing.key&counts=1");
        none["metadata"]!["missing.key"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Distinct_of_an_array_is_a_405_and_of_a_missing_node_a_404()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        await (await Http.GetAsync($"/api/v1/distinct/{parent}/b?metadata=color")).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await Http.GetAsync($"/api/v1/distinct/{parent}/nope?metadata=color")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Http.GetAsync($"/api/v1/distinct/{parent}?filter[x][condition][y]=1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_about_document_lists_every_query_in_tiled_order()
    {
        if (server.UnavailableReason is not null) { return; }

        var about = await SearchAsync("/api/v1/");

        about["queries"]!.AsArray().Select(q => q!.GetValue<string>()).Should().Equal(
            "fulltext", "lookup", "keys_filter", "regex", "eq", "noteq", "comparison", "contains", "in", "notin",
            "keypresent", "like", "specs", "access_blob_filter", "structure_family");
    }

    [Fact]
    public async Task Searches_follow_metadata_updates()
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);
        var patch = new JsonObject
        {
            ["content-type"] = "application/merge-patch+json",
            ["metadata"] = new JsonObject { ["note"] = "zebra", ["color"] = "violet" },
            ["specs"] = null,
        };
        (await Http.PatchAsync($"/api/v1/metadata/{parent}/e", Wire.Json(patch))).EnsureSuccessStatusCode();
        (await Http.DeleteAsync($"/api/v1/metadata/{parent}/d")).EnsureSuccessStatusCode();

        Ids(await SearchAsync($"/api/v1/search/{parent}?filter[fulltext][condition][text]=zebra")).Should().Equal("e");
        Ids(await SearchAsync($"/api/v1/search/{parent}?filter[fulltext][condition][text]=plain")).Should().BeEmpty();
        Ids(await SearchAsync($"/api/v1/search/{parent}?filter[eq][condition][key]=color&filter[eq][condition][value]=5")).Should().BeEmpty();
        Ids(await SearchAsync($"/api/v1/search/{parent}?filter[eq][condition][key]=color&filter[eq][condition][value]=%22violet%22")).Should().Equal("e");
    }

    [Theory]
    [InlineData("")]
    [InlineData("&include_data_sources=true")]
    [InlineData("&fields=metadata&fields=specs&fields=structure")]
    [InlineData("&omit_links=true")]
    [InlineData("&fields=")]
    public async Task A_streamed_page_is_each_childs_document_in_one_envelope_byte_for_byte(string query)
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        using var response = await Http.GetAsync($"/api/v1/search/{parent}?page[limit]=3{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var single = await Http.GetAsync($"/api/v1/metadata/{parent}");
        response.Content.Headers.ContentType!.ToString().Should().Be(single.Content.Headers.ContentType!.ToString());

        // The page as it was built whole before it was streamed: each child's own document, in order.
        var data = new JsonArray();
        foreach (var key in SearchCatalog.Keys.Take(3))
        {
            data.Add(JsonNode.Parse(await Http.GetStringAsync($"/api/v1/metadata/{parent}/{key}?{query.TrimStart('&')}"))!["data"]!.DeepClone());
        }

        var links = JsonNode.Parse(body)!["links"]!.DeepClone();
        var expected = new JsonObject { ["data"] = data, ["error"] = null, ["links"] = links, ["meta"] = new JsonObject { ["count"] = 5 } };
        body.Should().Be(expected.ToJsonString());
        links["self"]!.GetValue<string>().Should().EndWith("page[offset]=0&page[limit]=3");
        links["first"]!.GetValue<string>().Should().EndWith("page[offset]=0&page[limit]=3");
        links["next"]!.GetValue<string>().Should().EndWith("page[offset]=3&page[limit]=3");
    }

    [Theory]
    [InlineData("page[offset]=5")]
    [InlineData("page[limit]=0")]
    [InlineData("fields=count")]
    [InlineData("filter[fulltext][condition][text]=zebra")]
    public async Task A_page_without_children_is_the_envelope_with_the_count(string query)
    {
        if (server.UnavailableReason is not null) { return; }
        var parent = await SearchCatalog.CreateAsync(Http);

        var body = await Http.GetStringAsync($"/api/v1/search/{parent}?{query}");

        var page = JsonNode.Parse(body)!;
        var expected = new JsonObject
        {
            ["data"] = new JsonArray(),
            ["error"] = null,
            ["links"] = page["links"]!.DeepClone(),
            ["meta"] = new JsonObject { ["count"] = query.Contains("zebra", StringComparison.Ordinal) ? 0 : 5 },
        };
        body.Should().Be(expected.ToJsonString());
        page["links"]!["next"].Should().BeNull();
    }

    private async Task<JsonObject> SearchAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static IEnumerable<string> Ids(JsonObject page) => page["data"]!.AsArray().Select(d => d!["id"]!.GetValue<string>());
}

public sealed class SqliteSearchTests(SqliteServer server) : SearchTests<SqliteServer>(server);

public sealed class PostgresSearchTests(PostgresServer server) : SearchTests<PostgresServer>(server);
