using PuppeteerSharp;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium for every browser test (Debian's <c>chromium</c> package at
/// <c>/usr/bin/chromium</c>, or <c>TILED_CHROMIUM</c>; nothing is downloaded), driven through
/// PuppeteerSharp. Use it as a collection fixture (<see cref="BrowserCollection"/>): each test
/// takes a fresh incognito context from <see cref="NewPageAsync"/>, so session storage and cookies
/// never leak between tests, and saves evidence with <see cref="ScreenshotAsync"/> into
/// <c>.tmp/test-results/screenshots</c>. Like the database fixtures, a missing browser makes tests
/// return early outside CI and fail under <c>CI=true</c>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private IBrowser? _browser;

    /// <summary>Why no browser could be started; tests return early when set (outside CI).</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>Where screenshots go: <c>.tmp/test-results/screenshots</c> under the repository.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root(), ".tmp", "test-results", "screenshots");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException($"No browser: {UnavailableReason}");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("TILED_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            UnavailableReason = $"{executable} is missing (apt-get install chromium; scripts/services.sh does)";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException($"A test service is unavailable: {UnavailableReason} (CI is set).");
            }

            return;
        }

        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root in CI has no user namespace for Chromium's sandbox; /dev/shm may be small.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"],
            DefaultViewport = new ViewPortOptions { Width = 1280, Height = 900 },
            Timeout = (int)Timeout.TotalMilliseconds,
            // Without this the DevTools protocol copies every WebSocket frame (base64) to the test
            // process, which throttles pages that stream megabytes a second.
            NetworkEnabled = false,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
    }

    /// <summary>A page in a new incognito context; <paramref name="log"/> collects its console messages and page errors.</summary>
    public async Task<IPage> NewPageAsync(List<string>? log = null)
    {
        var context = await Browser.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        page.DefaultTimeout = (int)Timeout.TotalMilliseconds;
        if (log is not null)
        {
            page.Console += (_, e) => { lock (log) { log.Add($"console.{e.Message.Type}: {e.Message.Text}"); } };
            page.PageError += (_, e) => { lock (log) { log.Add($"page error: {e.Message}"); } };
        }

        return page;
    }

    /// <summary>Saves a full-page PNG named <paramref name="name"/>.png and returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }
}
