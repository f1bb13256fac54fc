using System.Text.RegularExpressions;
using FluentAssertions;
using Tiled.Api.OpenApi;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Api.OpenApi;

/// <summary>
/// A query parameter cannot be read without being documented: reads go through the catalogue
/// (<see cref="QueryParameters"/>), which refuses a parameter the matched route does not declare,
/// and no code of the API reads the query string another way.
/// </summary>
public sealed partial class QueryParameterTests
{
    /// <summary>Files allowed to touch the query string directly, each for a reason.</summary>
    private static readonly string[] DirectReaders =
    [
        "OpenApi/QueryParameter.cs", // the one checked accessor
        "Search/FilterParameters.cs", // walks the filter[...] family after QueryParameters.Filters.Declared
        "Search/SearchLinks.cs", // copies the request's parameters into paging links
        "Auth/ApiKeys.cs", // api_key is a credential (the security scheme's alternative)
        "Auth/ApiKeyAuthenticationHandler.cs",
    ];

    [Fact]
    public void A_declared_parameter_is_read()
    {
        var request = DeclaredRequest.For("slice=1:2&persist=false", QueryParameters.Slice, QueryParameters.Persist);

        QueryParameters.Slice.From(request).ToString().Should().Be("1:2");
        QueryParameters.Persist.IsIn(request).Should().BeTrue();
    }

    [Fact]
    public void Reading_a_parameter_the_route_does_not_declare_fails_even_when_absent()
    {
        var request = DeclaredRequest.For("slice=1:2", QueryParameters.Slice);

        var read = () => QueryParameters.Persist.From(request);
        var probe = () => QueryParameters.ExpectedShape.IsIn(request);

        read.Should().Throw<InvalidOperationException>().WithMessage("*persist*not declared*");
        probe.Should().Throw<InvalidOperationException>().WithMessage("*expected_shape*");
    }

    [Fact]
    public void No_code_of_the_API_reads_the_query_string_except_through_the_catalogue()
    {
        var root = Path.Combine(SourcePaths.Src, "Tiled.Api");
        var offenders = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(root, f).Replace('\\', '/'), Text: File.ReadAllText(f)))
            .Where(f => !DirectReaders.Contains(f.File) && DirectQueryAccess().IsMatch(f.Text))
            .Select(f => f.File);

        offenders.Should().BeEmpty("query parameters are read with QueryParameters.X.From(request), so each is documented");
    }

    [GeneratedRegex(@"(?<!ParameterLocation)\.Query\b(?!String)|\bIQueryCollection\b")]
    private static partial Regex DirectQueryAccess();
}
