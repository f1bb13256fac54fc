using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Browser;

/// <summary>On a <c>--public</c> server the web view opens without asking for a key.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebViewPublicTests(BrowserFixture browser, PublicSqliteServer server) : IClassFixture<PublicSqliteServer>
{
    [Fact]
    public async Task A_public_server_is_browsed_without_signing_in()
    {
        if (browser.UnavailableReason is not null || server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("open");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl);

        await view.WaitAsync($"document.querySelector('#children tr[data-key=\"{key}\"]') !== null", "the listing");

        (await view.Page.EvaluateExpressionAsync<bool>("document.getElementById('sign-in').hidden")).Should().BeTrue();
        (await view.TextAsync("#who")).Should().Contain("public");
        await browser.ScreenshotAsync(view.Page, "public-root");
    }
}
