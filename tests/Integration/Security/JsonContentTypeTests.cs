using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Security;

/// <summary>
/// JSON bodies come only as JSON: a cross-site page can send text/plain or form bodies without a
/// preflight, so those are refused with 415 and nothing is created or changed.
/// </summary>
public sealed class JsonContentTypeTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_create_declared_as_another_type_is_415_and_creates_nothing(string contentType)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();

        var response = await server.Http.PostAsync("/api/v1/metadata/", Body(Wire.Int64Body(key, 2).ToJsonString(), contentType));

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).Should().Contain("application/json");
        (await server.Http.GetAsync($"/api/v1/metadata/{key}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_metadata_patch_declared_as_text_is_415_and_changes_nothing()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2);
        var patch = """{"content-type": "application/merge-patch+json", "metadata": {"color": "blue"}}""";

        var response = await server.Http.PatchAsync($"/api/v1/metadata/{key}", Body(patch, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        var document = await Wire.ReadJsonAsync(await server.Http.GetAsync($"/api/v1/metadata/{key}"));
        document["data"]!["attributes"]!["metadata"]!["color"]?.ToString().Should().NotBe("blue");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData(null)]
    public async Task Json_or_an_undeclared_body_is_read_as_JSON(string? contentType)
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey();

        var response = await server.Http.PostAsync("/api/v1/metadata/", Body(Wire.Int64Body(key, 2).ToJsonString(), contentType));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static ByteArrayContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }
}
