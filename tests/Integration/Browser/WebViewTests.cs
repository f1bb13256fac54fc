using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Tables;
using Xunit;

namespace Tiled.IntegrationTests.Browser;

/// <summary>
/// The web view (/ui/) in headless Chromium against the real server: signing in, and arrays,
/// containers and tables following their streams. Each test saves a screenshot.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebViewTests(BrowserFixture browser, SqliteServer server) : IClassFixture<SqliteServer>
{
    // Viridis at 0, 128 and 255 of 255 (matplotlib's table rounded to 8 bits): the colours of the
    // lowest, middle and highest value of the contrast range.
    private static readonly int[] ViridisLow = [68, 1, 84];
    private static readonly int[] ViridisMiddle = [33, 145, 140];
    private static readonly int[] ViridisHigh = [253, 231, 37];

    private bool Unavailable => browser.UnavailableReason is not null || server.UnavailableReason is not null;

    [Fact]
    public async Task A_wrong_key_gets_a_clear_message_and_no_page()
    {
        if (Unavailable) { return; }
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl);

        await view.SubmitKeyAsync("wrongkey");
        await view.WaitAsync("document.getElementById('sign-in-error').textContent.includes('not accepted')", "the error message");

        (await view.TextAsync("#sign-in-error")).Should().Contain("401").And.Contain("Invalid API key");
        (await view.TextAsync("#main")).Should().BeEmpty();
        await browser.ScreenshotAsync(view.Page, "wrong-key");
    }

    [Fact]
    public async Task Signing_in_shows_the_root_container_and_keeps_the_key_out_of_the_address()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("signin");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl);

        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync($"document.querySelector('#children tr[data-key=\"{key}\"]') !== null", "the child in the listing");

        view.Page.Url.Should().NotContain(TiledServerFixture.ApiKey);
        (await view.Page.EvaluateExpressionAsync<string>("sessionStorage.getItem('tiled.apiKey')")).Should().Be(TiledServerFixture.ApiKey);
        (await view.Page.EvaluateExpressionAsync<string>("localStorage.length.toString()")).Should().Be("0");
        await browser.ScreenshotAsync(view.Page, "signed-in-root");
    }

    [Fact]
    public async Task A_live_image_shows_sequence_five_in_the_colours_of_the_map()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("image");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "f", 4, [16, 16], [[16], [16]])))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync("document.getElementById('image')?.width === 16", "the image");
        await view.GoLiveAsync();

        for (var frame = 1; frame <= 5; frame++)
        {
            (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Frame(frame)))).EnsureSuccessStatusCode();
        }

        await view.WaitAsync("document.getElementById('live-sequence').textContent === '5'", "sequence 5");
        await view.WaitAsync("document.getElementById('view').dataset.drawnSequence === '5'", "frame 5 drawn");
        // Frame 5: columns 0-3 hold 0, 4-7 hold 25, 8-15 hold 50; automatic contrast spans 0 to 50.
        (await view.CanvasPixelAsync("#image", 1, 3)).Should().Equal([.. ViridisLow, 255]);
        (await view.CanvasPixelAsync("#image", 5, 3)).Should().Equal([.. ViridisMiddle, 255]);
        (await view.CanvasPixelAsync("#image", 12, 3)).Should().Equal([.. ViridisHigh, 255]);
        (await view.Page.EvaluateExpressionAsync<string>("document.getElementById('max').value")).Should().Be("50");
        await browser.ScreenshotAsync(view.Page, "live-image");

        // Grey, with a manual range of 0 to 100: 50 is the middle grey.
        await view.Page.SelectAsync("#colormap", "grey");
        await view.Page.EvaluateExpressionAsync("(() => { const m = document.getElementById('max'); m.value = '100'; m.dispatchEvent(new Event('change')); })()");
        (await view.CanvasPixelAsync("#image", 12, 3)).Should().Equal(128, 128, 128, 255);
        (await view.CanvasPixelAsync("#image", 1, 3)).Should().Equal(0, 0, 0, 255);
    }

    [Fact]
    public async Task A_live_plot_grows_when_the_array_is_extended_and_shows_when_the_stream_closes()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("trace");
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3);
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync("document.getElementById('plot')?.dataset.points === '3'", "the plot of 3 points");
        await view.GoLiveAsync();

        (await server.Http.PatchAsync($"/api/v1/array/full/{key}?offset=3&shape=3&extend=true", Wire.Octets(Wire.Int64s(4, 5, 6)))).EnsureSuccessStatusCode();

        await view.WaitAsync("document.getElementById('plot').dataset.points === '6'", "the plot of 6 points");
        (await view.Page.EvaluateExpressionAsync<string>("document.getElementById('plot').dataset.last")).Should().Be("6");
        // Sequence 1 was the array's first write (before the page opened); the extension is 2.
        await view.WaitAsync("document.getElementById('live-sequence').textContent === '2'", "sequence 2");
        await browser.ScreenshotAsync(view.Page, "live-plot");

        (await server.Http.DeleteAsync($"/api/v1/stream/close/{key}")).EnsureSuccessStatusCode();
        await view.WaitAsync("document.getElementById('live-state').textContent === 'closed'", "the closed state");
    }

    [Fact]
    public async Task A_container_page_shows_a_child_created_after_it_opened()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("run");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.GoLiveAsync();

        (await server.Http.PostAsync($"/api/v1/metadata/{key}", Wire.Json(Wire.ArrayBody("detector", "u", 2, [4, 4], [[4], [4]])))).EnsureSuccessStatusCode();

        await view.WaitAsync("document.querySelector('#children tr[data-key=\"detector\"]') !== null", "the new child");
        (await view.TextAsync("#children tr[data-key=\"detector\"]")).Should().Contain("[4, 4]").And.Contain("<u2");
        (await view.TextAsync("#page-position")).Should().Contain("1–1 of 1");
        await browser.ScreenshotAsync(view.Page, "live-container");
    }

    [Fact]
    public async Task A_table_page_shows_column_types_and_appended_rows()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("events");
        await TableWire.CreateAsync(server.Http, key);
        (await server.Http.PutAsync($"/api/v1/table/full/{key}", TableWire.Body(TableWire.FileOf(TableWire.Rows([1, 2], [0.5, 1.5], ["x", "y"]))))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync("document.getElementById('rows-position')?.textContent.includes('of 2')", "two rows");
        (await view.TextAsync("#columns")).Should().Contain("int64").And.Contain("float64").And.Contain("string");
        await view.GoLiveAsync();

        (await server.Http.PatchAsync($"/api/v1/table/partition/{key}?partition=0", TableWire.Body(TableWire.FileOf(TableWire.Rows([3, 4], [2.5, 3.5], ["appended", "tail"]))))).EnsureSuccessStatusCode();

        await view.WaitAsync("document.getElementById('rows').textContent.includes('appended')", "the appended rows");
        (await view.TextAsync("#rows-position")).Should().Contain("of 4");
        (await view.TextAsync("#rows")).Should().Contain("tail").And.Contain("3.5");
        await browser.ScreenshotAsync(view.Page, "live-table");
    }

    [Fact]
    public async Task A_tall_stack_is_strided_to_the_page_with_a_slider_and_the_value_under_the_pointer()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("stack");
        const int rows = 2000, columns = 40;
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "i", 4, [2, rows, columns], [[1, 1], [rows], [columns]])))).EnsureSuccessStatusCode();
        // Plane p, row r, column c holds p * 1,000,000 + r * 100 + c.
        var values = Enumerable.Range(0, 2 * rows * columns).Select(i => ((i / (rows * columns)) * 1_000_000) + ((i / columns % rows) * 100) + (i % columns));
        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets([.. values.SelectMany(BitConverter.GetBytes)]))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        // 2,000 rows on a page about 830 pixels wide: every 3rd row is read (slice=0,::3,:).
        await view.WaitAsync("document.getElementById('array-info')?.textContent.includes('shown every 3 x 1')", "the strided image");
        (await view.Page.EvaluateExpressionAsync<int>("document.getElementById('image').height")).Should().Be(667);
        await view.Page.EvaluateExpressionAsync("(() => { const s = document.getElementById('dim-0'); s.value = '1'; s.dispatchEvent(new Event('input')); })()");
        await view.WaitAsync("window.tiledArrayView.values[0] === 1000000", "plane 1");
        var box = await view.Page.EvaluateExpressionAsync<double[]>("(() => { const b = document.getElementById('image').getBoundingClientRect(); return [b.left, b.top, b.width, b.height]; })()");
        // Near the centre of canvas pixel (column 10, row 100), which is data row 300.
        await view.Page.Mouse.MoveAsync((decimal)(box[0] + (box[2] * 10.5 / columns)), (decimal)(box[1] + (box[3] * 100.5 / 667)));

        // The readout names the data index under the pointer (a strided row) and its stored value.
        var readout = System.Text.RegularExpressions.Regex.Match(await view.TextAsync("#pixel"), @"^\[1, (\d+), (\d+)\] = (\d+)$");
        readout.Success.Should().BeTrue(await view.TextAsync("#pixel"));
        var (row, column, value) = (int.Parse(readout.Groups[1].Value), int.Parse(readout.Groups[2].Value), int.Parse(readout.Groups[3].Value));
        (row % 3).Should().Be(0);
        row.Should().BeInRange(297, 303);
        column.Should().BeInRange(9, 11);
        value.Should().Be(1_000_000 + (row * 100) + column);
        await browser.ScreenshotAsync(view.Page, "strided-stack");
    }

    [Fact]
    public async Task A_live_stack_follows_the_plane_shown_a_block_write_and_a_lost_connection()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("livestack");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "f", 4, [3, 8, 8], [[1, 1, 1], [8], [8]])))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync("document.getElementById('image')?.width === 8", "the image");
        await view.Page.EvaluateExpressionAsync("(() => { const s = document.getElementById('dim-0'); s.value = '2'; s.dispatchEvent(new Event('input')); })()");
        await view.GoLiveAsync();

        // The worker strides plane 2 of a whole frame from the stream (not stored: persist=false).
        (await server.Http.PutAsync($"/api/v1/array/full/{key}?persist=false", Wire.Octets(Stack(1)))).EnsureSuccessStatusCode();
        await view.WaitAsync("window.tiledArrayView.values[0] === 201", "plane 2 of frame 1");

        // A block is not a whole frame: the page reads the plane it shows again over HTTP.
        (await server.Http.PutAsync($"/api/v1/array/block/{key}?block=2,0,0", Wire.Octets(Floats(64, 202)))).EnsureSuccessStatusCode();
        await view.WaitAsync("window.tiledArrayView.values[0] === 202", "the block read again");

        // The connection drops: the worker reconnects live-only and draws the next frame.
        await view.Page.EvaluateExpressionAsync("window.tiledLive.drop()");
        await view.WaitAsync("window.tiledLive.states.includes('reconnecting') && document.getElementById('live-state').textContent === 'live'", "live again");
        (await server.Http.PutAsync($"/api/v1/array/full/{key}?persist=false", Wire.Octets(Stack(3)))).EnsureSuccessStatusCode();
        await view.WaitAsync("window.tiledArrayView.values[0] === 203", "plane 2 of frame 3");
        (await view.Page.EvaluateExpressionAsync<string[]>("window.tiledLive.states")).Should().ContainInOrder("live", "reconnecting", "live");
        await browser.ScreenshotAsync(view.Page, "live-stack");
    }

    [Fact]
    public async Task A_large_container_is_paged_and_searched()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("many");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ContainerBody(key)))).EnsureSuccessStatusCode();
        for (var i = 0; i < 60; i++)
        {
            var child = Wire.ContainerBody($"c{i:D2}");
            child["metadata"] = new System.Text.Json.Nodes.JsonObject { ["sample"] = i == 42 ? "rare copper foil" : "nickel" };
            (await server.Http.PostAsync($"/api/v1/metadata/{key}", Wire.Json(child))).EnsureSuccessStatusCode();
        }

        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.WaitAsync("document.getElementById('page-position')?.textContent.includes('1–50 of 60')", "the first page");
        await view.Page.ClickAsync("#next-page");
        await view.WaitAsync("document.getElementById('page-position')?.textContent.includes('51–60 of 60')", "the second page");
        (await view.TextAsync("#children")).Should().StartWith("c50");

        await view.Page.TypeAsync("#search", "copper");
        await view.Page.Keyboard.PressAsync("Enter");
        await view.WaitAsync("document.getElementById('page-position')?.textContent.includes('1–1 of 1')", "one match");
        (await view.TextAsync("#children")).Should().StartWith("c42");
        await browser.ScreenshotAsync(view.Page, "paged-search");
    }

    [Fact]
    public async Task After_a_lost_connection_a_table_reconnects_and_catches_up_on_rows_appended_meanwhile()
    {
        if (Unavailable) { return; }
        var key = Wire.NewKey("resume");
        await TableWire.CreateAsync(server.Http, key);
        (await server.Http.PutAsync($"/api/v1/table/full/{key}", TableWire.Body(TableWire.FileOf(TableWire.Rows([1], [0.5], ["first"]))))).EnsureSuccessStatusCode();
        await using var view = await WebViewPage.OpenAsync(browser, server.BaseUrl, key);
        await view.SignInAsync(TiledServerFixture.ApiKey);
        await view.GoLiveAsync();
        (await server.Http.PatchAsync($"/api/v1/table/partition/{key}?partition=0", TableWire.Body(TableWire.FileOf(TableWire.Rows([2], [1.5], ["before"]))))).EnsureSuccessStatusCode();
        await view.WaitAsync("document.getElementById('rows').textContent.includes('before')", "the row appended while live");

        // The connection drops (as a network failure would); rows are appended before the page is back.
        await view.Page.EvaluateExpressionAsync("window.tiledLive.socket.close(4000, 'test')");
        await view.WaitAsync("document.getElementById('live-state').textContent === 'reconnecting'", "the reconnecting state");
        (await server.Http.PatchAsync($"/api/v1/table/partition/{key}?partition=0", TableWire.Body(TableWire.FileOf(TableWire.Rows([3], [2.5], ["during"]))))).EnsureSuccessStatusCode();

        await view.WaitAsync("document.getElementById('rows').textContent.includes('during')", "the row appended while disconnected");
        await view.WaitAsync("document.getElementById('live-state').textContent === 'live'", "live again");
        var states = await view.Page.EvaluateExpressionAsync<string[]>("window.tiledLive.states");
        states.Should().ContainInOrder("live", "reconnecting", "catching up", "live");
        (await view.TextAsync("#rows-position")).Should().Contain("of 3", "each row once: the page resumed after the last sequence it had");
        (await view.TextAsync("#live-sequence")).Should().Be("3");
    }

    /// <summary>3x8x8 float32: plane p of frame f holds 100 p + f.</summary>
    private static byte[] Stack(int frame) => [.. Enumerable.Range(0, 3).SelectMany(p => Floats(64, (100 * p) + frame))];

    private static byte[] Floats(int count, float value) => [.. Enumerable.Repeat(value, count).SelectMany(BitConverter.GetBytes)];

    /// <summary>16x16 float32: columns 0-3 are 0, 4-7 are 5 x frame, 8-15 are 10 x frame.</summary>
    private static byte[] Frame(int frame) =>
        [.. Enumerable.Range(0, 256).Select(i => (i % 16) switch { < 4 => 0f, < 8 => 5f * frame, _ => 10f * frame }).SelectMany(BitConverter.GetBytes)];
}
