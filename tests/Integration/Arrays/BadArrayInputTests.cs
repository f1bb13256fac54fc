using System.Net;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Arrays;

/// <summary>Every bad array request is a 4xx with a detail, and the stored values stay as they were.</summary>
public abstract class BadArrayInputTests<TServer>(TServer server) : IClassFixture<TServer> where TServer : TiledServerFixture
{
    private HttpClient Http => server.Http;

    private async Task<string> ArrayAsync()
    {
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(Http, key, 1, 2, 3);
        return key;
    }

    private async Task StoredValuesShouldBeUnchangedAsync(string key) =>
        Wire.ToInt64s(await Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(1, 2, 3);

    [Theory]
    [InlineData(16)]
    [InlineData(25)]
    [InlineData(0)]
    public async Task Body_of_the_wrong_length_is_refused(int length)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();

        var response = await Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(new byte[length]));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Should().Contain("24");
        await StoredValuesShouldBeUnchangedAsync(key);
    }

    [Fact]
    public async Task Patch_outside_the_shape_without_extend_is_a_conflict()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();

        var response = await Http.PatchAsync($"/api/v1/array/full/{key}?offset=2&shape=2", Wire.Octets(Wire.Int64s(8, 9)));

        (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .Should().EndWith("Use ?extend=true to extend the array dimensions to fit.");
        await StoredValuesShouldBeUnchangedAsync(key);
    }

    [Fact]
    public async Task Extend_with_persist_false_is_refused_with_the_documented_detail()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();

        var response = await Http.PatchAsync($"/api/v1/array/full/{key}?offset=3&shape=1&extend=true&persist=false", Wire.Octets(Wire.Int64s(4)));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .Should().StartWith("Cannot PATCH an array with both parameters extend=True and persist=False.");
        await StoredValuesShouldBeUnchangedAsync(key);
    }

    [Theory]
    [InlineData("?offset=a&shape=1")]
    [InlineData("?offset=0&shape=1,x")]
    [InlineData("?offset=-1&shape=1")]
    [InlineData("?shape=1")]
    [InlineData("?offset=0,0&shape=1")]
    [InlineData("?offset=0&shape=1&extend=maybe")]
    public async Task Malformed_patch_parameters_are_refused(string query)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();

        var response = await Http.PatchAsync($"/api/v1/array/full/{key}{query}", Wire.Octets(Wire.Int64s(9)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await StoredValuesShouldBeUnchangedAsync(key);
    }

    [Theory]
    [InlineData("/api/v1/array/full/{0}?slice=5")]
    [InlineData("/api/v1/array/full/{0}?slice=0,0")]
    [InlineData("/api/v1/array/full/{0}?slice=::0")]
    [InlineData("/api/v1/array/full/{0}?slice=a:b")]
    [InlineData("/api/v1/array/block/{0}?block=1")]
    [InlineData("/api/v1/array/block/{0}?block=0,0")]
    [InlineData("/api/v1/array/block/{0}?block=x")]
    [InlineData("/api/v1/array/full/{0}?expected_shape=4")]
    public async Task Bad_slices_and_blocks_are_refused(string template)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();

        var response = await Http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, key));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unsupported_content_type_is_415_and_changes_nothing()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();
        var content = new ByteArrayContent(Wire.Int64s(7, 8, 9));
        content.Headers.ContentType = new("text/plain");

        var response = await Http.PutAsync($"/api/v1/array/full/{key}", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await StoredValuesShouldBeUnchangedAsync(key);
    }

    [Fact]
    public async Task Unacceptable_accept_header_is_406()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = await ArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/array/full/{key}");
        request.Headers.Accept.ParseAdd("image/gif");

        await (await Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Array_routes_on_a_container_are_405()
    {
        if (server.UnavailableReason is not null) { return; }

        var response = await Http.PutAsync("/api/v1/array/full/", Wire.Octets(Wire.Int64s(1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Unknown_paths_are_404()
    {
        if (server.UnavailableReason is not null) { return; }

        await (await Http.GetAsync("/api/v1/array/full/no/such/node")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Http.PutAsync("/api/v1/array/full/nothing", Wire.Octets(Wire.Int64s(1)))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteBadArrayInputTests(SqliteServer server) : BadArrayInputTests<SqliteServer>(server);

public sealed class PostgresBadArrayInputTests(PostgresServer server) : BadArrayInputTests<PostgresServer>(server);
