using PuppeteerSharp;

namespace Tiled.IntegrationTests.Browser;

/// <summary>The web view in one browser page, with the waits the tests need; failures quote the page's console.</summary>
internal sealed class WebViewPage(IPage page, List<string> log) : IAsyncDisposable
{
    public IPage Page => page;

    public static async Task<WebViewPage> OpenAsync(BrowserFixture browser, string baseUrl, string nodePath = "")
    {
        var log = new List<string>();
        var page = await browser.NewPageAsync(log);
        await page.GoToAsync($"{baseUrl}/ui/#/{nodePath}");
        return new WebViewPage(page, log);
    }

    /// <summary>Types the key into the sign-in form and submits it.</summary>
    public async Task SubmitKeyAsync(string key)
    {
        await page.WaitForSelectorAsync("#api-key", new WaitForSelectorOptions { Visible = true });
        await page.TypeAsync("#api-key", key);
        await page.ClickAsync("#sign-in-button");
    }

    /// <summary>Signs in and waits for the node page.</summary>
    public async Task SignInAsync(string key)
    {
        await SubmitKeyAsync(key);
        await WaitAsync("document.getElementById('sign-in').hidden && document.getElementById('view') !== null", "the node page after sign-in");
    }

    /// <summary>Switches Live on and waits until the stream is live.</summary>
    public async Task GoLiveAsync()
    {
        await page.WaitForSelectorAsync("#live-toggle:not([disabled])");
        await page.ClickAsync("#live-toggle");
        await WaitAsync("document.getElementById('live-state')?.textContent === 'live'", "the live state");
    }

    public async Task WaitAsync(string condition, string what)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => {condition}", new WaitForFunctionOptions { Timeout = (int)BrowserFixture.Timeout.TotalMilliseconds });
        }
        catch (WaitTaskTimeoutException e)
        {
            string[] lines;
            lock (log)
            {
                lines = [.. log];
            }

            var body = await page.EvaluateExpressionAsync<string>(
                "document.body.innerText + '\\nview: ' + JSON.stringify(window.tiledArrayView ? { busy: tiledArrayView.busy, scheduled: tiledArrayView.scheduled, pending: !!tiledArrayView.pending, drawn: tiledArrayView.drawn, skipped: tiledArrayView.skipped } : null)");
            throw new TimeoutException($"Timed out waiting for {what} ({condition}).\nPage text:\n{body}\nConsole:\n{string.Join('\n', lines)}", e);
        }
    }

    public Task<string> TextAsync(string selector) =>
        page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    /// <summary>The RGBA of canvas pixel (x, y) as the page drew it.</summary>
    public Task<int[]> CanvasPixelAsync(string selector, int x, int y) =>
        page.EvaluateFunctionAsync<int[]>(
            "(s, x, y) => Array.from(document.querySelector(s).getContext('2d').getImageData(x, y, 1, 1).data)", selector, x, y);

    public async ValueTask DisposeAsync()
    {
        var context = page.BrowserContext;
        await page.CloseAsync();
        await context.CloseAsync();
    }
}
