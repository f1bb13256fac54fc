using FluentAssertions;
using PuppeteerSharp;
using Tiled.Api.OpenApi;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Browser;

/// <summary>
/// Swagger UI at /docs in headless Chromium, as a newcomer uses it: Authorize with the API key
/// alone, then "Try it out" on a node at a nested path typed with its slash.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SwaggerUiTests(BrowserFixture browser, SqliteServer server) : IClassFixture<SqliteServer>
{
    private bool Unavailable => browser.UnavailableReason is not null || server.UnavailableReason is not null;

    [Fact]
    public async Task Authorize_with_the_key_then_try_reading_a_node_at_a_nested_path()
    {
        if (Unavailable) { return; }
        var parent = Wire.NewKey("exp");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(parent)))).EnsureSuccessStatusCode();
        (await server.Http.PostAsync($"/api/v1/metadata/{parent}", Wire.Json(Wire.Int64Body("x", 3)))).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync();
        await page.GoToAsync($"{server.BaseUrl}{ApiDocumentation.DocsPath}/index.html");

        await page.WaitForSelectorAsync("button.authorize");
        await page.ClickAsync("button.authorize");
        await page.WaitForSelectorAsync(".modal-ux input");
        await page.TypeAsync(".modal-ux input", TiledServerFixture.ApiKey);
        await page.ClickAsync(".modal-ux .auth-btn-wrapper button.authorize");
        await page.ClickAsync(".modal-ux button.btn-done");

        const string operation = "#operations-nodes-readNode";
        await page.ClickAsync($"{operation} .opblock-summary");
        await page.WaitForSelectorAsync($"{operation} .try-out__btn");
        await page.ClickAsync($"{operation} .try-out__btn");
        await page.TypeAsync($"{operation} tr[data-param-name='path'] input", $"{parent}/x");
        await page.ClickAsync($"{operation} .execute");
        await page.WaitForSelectorAsync($"{operation} .live-responses-table tr.response .response-col_status");

        var status = await page.EvaluateExpressionAsync<string>(
            $"document.querySelector('{operation} .live-responses-table tr.response .response-col_status').textContent");
        var body = await page.EvaluateExpressionAsync<string>(
            $"document.querySelector('{operation} .live-responses-table tr.response .response-col_description').textContent");
        await browser.ScreenshotAsync(page, "swagger-ui-try-nested-path");
        status.Trim().Should().StartWith("200");
        body.Should().Contain("\"id\": \"x\"").And.Contain($"\"{parent}\"");
    }
}
