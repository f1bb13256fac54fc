using FluentAssertions;
using Tiled.Api.Errors;
using Xunit;

namespace Tiled.UnitTests.Api;

public sealed class ProblemTypesTests
{
    [Theory]
    [InlineData("not-found", 404)]
    [InlineData("conflict", 409)]
    [InlineData("block-does-not-fit", 409)]
    [InlineData("would-delete-data", 409)]
    [InlineData("structure-family-mismatch", 405)]
    [InlineData("unsupported-media-type", 415)]
    [InlineData("not-acceptable", 406)]
    [InlineData("unsafe-identifier", 422)]
    [InlineData("invalid-structure", 422)]
    [InlineData("invalid-slice", 400)]
    [InlineData("payload-size-mismatch", 400)]
    [InlineData("invalid-request", 400)]
    [InlineData("partition-out-of-range", 400)]
    [InlineData("schema-mismatch", 400)]
    [InlineData("invalid-table-data", 400)]
    public void Each_error_code_maps_to_the_status_tiled_uses(string code, int status) =>
        ProblemTypes.StatusOf(code).Should().Be(status);
}
