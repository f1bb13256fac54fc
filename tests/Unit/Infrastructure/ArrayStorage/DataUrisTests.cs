using FluentAssertions;
using Tiled.Infrastructure.ArrayStorage;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ArrayStorage;

public sealed class DataUrisTests
{
    [Fact]
    public void A_path_becomes_a_localhost_file_uri()
    {
        DataUris.FromPath("/tmp/x/data/abc").Should().Be("file://localhost/tmp/x/data/abc");
    }

    [Theory]
    [InlineData("file://localhost/tmp/x/data/abc")]
    [InlineData("file:///tmp/x/data/abc")]
    [InlineData("FILE://LOCALHOST/tmp/x/data/abc")]
    public void Localhost_and_empty_host_file_uris_name_the_path(string uri)
    {
        DataUris.ToPath(uri).Should().Be("/tmp/x/data/abc");
    }

    [Theory]
    [InlineData("http://localhost/tmp/x")]
    [InlineData("file://otherhost/tmp/x")]
    [InlineData("/tmp/x")]
    [InlineData("file:relative")]
    public void Other_uris_are_rejected(string uri)
    {
        var toPath = () => DataUris.ToPath(uri);

        toPath.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_path_survives_the_round_trip()
    {
        var path = Path.Combine(Path.GetTempPath(), "some dir", "array-1");

        DataUris.ToPath(DataUris.FromPath(path)).Should().Be(Path.GetFullPath(path));
    }
}
