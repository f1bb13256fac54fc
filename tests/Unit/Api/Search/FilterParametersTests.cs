using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.UnitTests.Api.OpenApi;
using Tiled.Api.Search;
using Tiled.Application.Search;
using Xunit;

namespace Tiled.UnitTests.Api.Search;

/// <summary>Filter parameters exactly as Tiled's Python client encodes them (protocol additions §3.2, §3.3).</summary>
public sealed class FilterParametersTests
{
    private static IReadOnlyList<SearchFilter> Parse(string queryString) =>
        FilterParameters.Parse(DeclaredRequest.For(queryString, QueryParameters.Filters));

    private static QueryParameterException Refused(string queryString)
    {
        var parse = () => Parse(queryString);
        return parse.Should().Throw<QueryParameterException>().Which;
    }

    [Fact]
    public void Percent_encoded_names_and_json_values_decode_into_an_eq_query()
    {
        var filters = Parse("filter%5Beq%5D%5Bcondition%5D%5Bkey%5D=sample.name&filter%5Beq%5D%5Bcondition%5D%5Bvalue%5D=%22red%22");

        var eq = filters.Should().ContainSingle().Which.Should().BeOfType<EqFilter>().Which;
        eq.Key.Segments.Should().Equal("sample", "name");
        eq.Value!.GetValue<string>().Should().Be("red");
    }

    [Fact]
    public void Repeated_fields_pair_up_into_several_queries_of_one_type()
    {
        var filters = Parse("filter[eq][condition][key]=a&filter[eq][condition][value]=1&filter[eq][condition][key]=b&filter[eq][condition][value]=%22x%22");

        filters.Cast<EqFilter>().Select(f => (f.Key.Dotted, f.Value!.ToJsonString())).Should().Equal(("a", "1"), ("b", "\"x\""));
    }

    [Fact]
    public void Every_built_in_query_decodes()
    {
        var filters = Parse(string.Join('&',
            "filter[fulltext][condition][text]=dog",
            "filter[lookup][condition][key]=x",
            "filter[keys_filter][condition][keys]=[\"a\",\"b\"]",
            "filter[regex][condition][key]=k&filter[regex][condition][pattern]=^a.*b$&filter[regex][condition][case_sensitive]=false",
            "filter[noteq][condition][key]=k&filter[noteq][condition][value]=null",
            "filter[comparison][condition][operator]=gt&filter[comparison][condition][key]=temperature&filter[comparison][condition][value]=300",
            "filter[contains][condition][key]=detectors&filter[contains][condition][value]=\"ccd\"",
            "filter[in][condition][key]=color&filter[in][condition][value]=[\"red\",\"blue\"]",
            "filter[notin][condition][key]=color&filter[notin][condition][value]=[]",
            "filter[keypresent][condition][key]=color&filter[keypresent][condition][exists]=false",
            "filter[like][condition][key]=name&filter[like][condition][pattern]=\"Ni%25\"",
            "filter[specs][condition][include]=[\"xdi\"]&filter[specs][condition][exclude]=[]",
            "filter[structure_family][condition][value]=array",
            "filter[access_blob_filter][condition][user_id]=alice&filter[access_blob_filter][condition][tags]=['a', 'b']"));

        filters.Select(f => f.GetType().Name).Should().BeEquivalentTo(
            "FullTextFilter", "KeyLookupFilter", "KeysFilter", "RegexFilter", "NotEqFilter", "ComparisonFilter", "ContainsFilter",
            "InFilter", "NotInFilter", "KeyPresentFilter", "LikeFilter", "SpecsFilter", "StructureFamilyFilter", "AccessBlobFilter");
        filters.OfType<RegexFilter>().Single().CaseSensitive.Should().BeFalse();
        filters.OfType<ComparisonFilter>().Single().Operator.Should().Be(ComparisonOperator.Gt);
        filters.OfType<KeyPresentFilter>().Single().Exists.Should().BeFalse();
        filters.OfType<LikeFilter>().Single().Pattern.Should().Be("Ni%");
        filters.OfType<AccessBlobFilter>().Single().Tags.Should().Equal("a", "b");
        filters.OfType<NotEqFilter>().Single().Value.Should().BeNull("JSON null is a value");
        filters.OfType<InFilter>().Single().Values.Select(v => v!.GetValue<string>()).Should().Equal("red", "blue");
    }

    [Fact]
    public void Other_parameters_are_not_filters() =>
        Parse("page[offset]=3&sort=-x&fields=metadata").Should().BeEmpty();

    [Theory]
    [InlineData("filter[bogus][condition][key]=x", "filter[bogus][condition][key]")]
    [InlineData("filter[eq][condition][nope]=x", "filter[eq][condition][nope]")]
    [InlineData("filter[eq]=x", "filter[eq]")]
    [InlineData("filter[eq][condition][key]=x", "filter[eq][condition][value]")]
    [InlineData("filter[eq][condition][key]=x&filter[eq][condition][value]=red", "filter[eq][condition][value]")]
    [InlineData("filter[eq][condition][key]=a..b&filter[eq][condition][value]=1", "filter[eq][condition][key]")]
    [InlineData("filter[eq][condition][key]=a&filter[eq][condition][value]=1&filter[eq][condition][key]=b", "filter[eq]")]
    [InlineData("filter[comparison][condition][operator]=eq&filter[comparison][condition][key]=a&filter[comparison][condition][value]=1", "filter[comparison][condition][operator]")]
    [InlineData("filter[comparison][condition][operator]=lt&filter[comparison][condition][key]=a&filter[comparison][condition][value]=[1]", "filter[comparison][condition][value]")]
    [InlineData("filter[in][condition][key]=a&filter[in][condition][value]=1", "filter[in][condition][value]")]
    [InlineData("filter[keys_filter][condition][keys]=[1]", "filter[keys_filter][condition][keys]")]
    [InlineData("filter[regex][condition][key]=a&filter[regex][condition][pattern]=(", "filter[regex][condition][pattern]")]
    [InlineData("filter[structure_family][condition][value]=graph", "filter[structure_family][condition][value]")]
    [InlineData("filter[fulltext][condition][text]=%20", "filter[fulltext][condition][text]")]
    [InlineData("filter[like][condition][key]=a&filter[like][condition][pattern]=Ni%25", "filter[like][condition][pattern]")]
    [InlineData("filter[keypresent][condition][key]=a&filter[keypresent][condition][exists]=maybe", "filter[keypresent][condition][exists]")]
    public void A_bad_filter_is_refused_naming_the_parameter(string queryString, string parameter) =>
        Refused(queryString).Message.Should().Contain(parameter);

    [Fact]
    public void Json_values_keep_their_type()
    {
        var filters = Parse("filter[eq][condition][key]=a&filter[eq][condition][value]=1.5&filter[eq][condition][key]=b&filter[eq][condition][value]=true");

        filters.Cast<EqFilter>().Select(f => f.Value!.GetValueKind().ToString()).Should().Equal("Number", "True");
        JsonNode.DeepEquals(filters.Cast<EqFilter>().First().Value, JsonValue.Create(1.5)).Should().BeTrue();
    }
}
