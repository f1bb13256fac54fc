using FluentAssertions;
using Microsoft.Extensions.Primitives;
using Tiled.Api.Http;
using Tiled.Api.Search;
using Tiled.Application.Search;
using Xunit;

namespace Tiled.UnitTests.Api.Search;

/// <summary>The <c>sort</c> parameter (protocol additions §3.4).</summary>
public sealed class SortParametersTests
{
    [Fact]
    public void Keys_directions_and_the_default_order_are_read_in_turn()
    {
        var keys = SortParameters.Parse(new StringValues(["color", "-metadata.sample.height", "+id", "-"]));

        keys.Select(k => (k.Target, k.Name, k.Descending)).Should().Equal(
            (SortTarget.Metadata, "color", false),
            (SortTarget.Metadata, "sample.height", true),
            (SortTarget.NodeKey, "id", false),
            (SortTarget.Default, "", true));
    }

    [Fact]
    public void Empty_values_are_discarded() => SortParameters.Parse(new StringValues(["", "x", ""])).Should().ContainSingle();

    [Theory]
    [InlineData("Duplicate sorting key: color", 400, "color", "-metadata.color")]
    [InlineData("Default sorting (empty string) must be the last item in the sort list", 400, "-", "color")]
    [InlineData("sort=' color'", 422, " color")]
    [InlineData("sort='a/b'", 422, "a/b")]
    [InlineData("sort='a..b'", 422, "a..b")]
    public void Bad_sorts_are_refused(string message, int status, params string[] values)
    {
        var parse = () => SortParameters.Parse(new StringValues(values));

        var error = parse.Should().Throw<QueryParameterException>().Which;
        error.Message.Should().Contain(message);
        error.Status.Should().Be(status);
    }
}
