using System.Net;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Interop;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Arrays;

/// <summary><c>GET /api/v1/array/full/{path}?format=image/png</c>, decoded by Pillow and compared with numpy's arithmetic.</summary>
public sealed class ArrayPngTests(SqliteServer server, ITestOutputHelper output) : IClassFixture<SqliteServer>
{
    // Tiled's export: clip to the 1st-99th percentile, scale to 0-255 (protocol additions §5.2).
    private const string CompareScript = """
        import sys, json, numpy as np
        from PIL import Image
        image = Image.open(sys.argv[1])
        expected = np.array(json.loads(sys.argv[2]), dtype=float)
        if sys.argv[3] == "scale":
            low, high = np.percentile(expected, [1, 99])
            expected = np.round(np.clip((expected - low) / (high - low), 0, 1) * 255)
        print(json.dumps({"mode": image.mode, "size": list(image.size), "equal": bool((np.asarray(image) == expected.astype(np.uint8)).all())}))
        """;

    [Fact]
    public async Task A_float_image_is_grey_with_tiled_s_percentile_contrast_and_honours_slice()
    {
        if (server.UnavailableReason is not null || !await ZarrPython.IsAvailableAsync(output)) { return; }
        var key = Wire.NewKey("png");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "f", 8, [6, 7], [[6], [7]])))).EnsureSuccessStatusCode();
        var values = Enumerable.Range(0, 42).Select(i => (double)(i * i)).ToArray();
        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets([.. values.SelectMany(BitConverter.GetBytes)]))).EnsureSuccessStatusCode();

        var whole = await CompareAsync($"/api/v1/array/full/{key}?format=image/png", Rows(values, 6, 7), "scale");
        whole.Should().Be("""{"mode": "L", "size": [7, 6], "equal": true}""");

        var sliced = Rows(values, 6, 7).Skip(1).Take(3).Select(r => r.Where((_, c) => c % 2 == 0).ToArray()).ToArray();
        var slice = await CompareAsync($"/api/v1/array/full/{key}?format=png&slice=1:4,::2", sliced, "scale");
        slice.Should().Be("""{"mode": "L", "size": [4, 3], "equal": true}""");
    }

    [Fact]
    public async Task A_uint8_array_ending_in_three_is_an_rgb_image_of_its_values()
    {
        if (server.UnavailableReason is not null || !await ZarrPython.IsAvailableAsync(output)) { return; }
        var key = Wire.NewKey("rgb");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "u", 1, [2, 4, 3], [[2], [4], [3]])))).EnsureSuccessStatusCode();
        var bytes = Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray();
        (await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(bytes))).EnsureSuccessStatusCode();
        var pixels = Enumerable.Range(0, 2).Select(r => Enumerable.Range(0, 4).Select(c => bytes.Skip(((r * 4) + c) * 3).Take(3).Select(b => (double)b).ToArray()).ToArray()).ToArray();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/array/full/{key}");
        request.Headers.Accept.ParseAdd("image/*");
        var result = await CompareAsync(request, pixels, "raw");

        result.Should().Be("""{"mode": "RGB", "size": [4, 2], "equal": true}""");
    }

    [Fact]
    public async Task Shapes_an_image_cannot_hold_are_406_and_the_about_document_lists_png()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("cube");
        (await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.ArrayBody(key, "f", 4, [2, 2, 2, 2], [[2], [2], [2], [2]])))).EnsureSuccessStatusCode();

        await (await server.Http.GetAsync($"/api/v1/array/full/{key}?format=image/png")).ShouldBeProblemAsync(HttpStatusCode.NotAcceptable);
        var png = await server.Http.GetAsync($"/api/v1/array/full/{key}?format=image/png&slice=0,0");
        png.StatusCode.Should().Be(HttpStatusCode.OK);
        png.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        var about = await Wire.ReadJsonAsync(await server.Anonymous.GetAsync("/api/v1/"));
        about["formats"]!["array"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("image/png");
        about["aliases"]!["array"]!["image/png"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal("png");
    }

    private static double[][] Rows(double[] values, int rows, int columns) =>
        [.. Enumerable.Range(0, rows).Select(r => values.Skip(r * columns).Take(columns).ToArray())];

    private Task<string> CompareAsync<T>(string url, T expected, string mode) =>
        CompareAsync(new HttpRequestMessage(HttpMethod.Get, url), expected, mode);

    private async Task<string> CompareAsync<T>(HttpRequestMessage request, T expected, string mode)
    {
        var response = await server.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        var file = Path.Combine(server.TempDirectory, $"{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return (await ZarrPython.RunAsync(CompareScript, file, System.Text.Json.JsonSerializer.Serialize(expected), mode)).Trim();
    }
}
