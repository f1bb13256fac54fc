using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>
/// The server's request log, read from a real <c>tiled serve</c> process started with
/// <c>--log-json</c>: one JSON event per request with method, path, status, elapsed time, the
/// request id (the client's <c>X-Tiled-Request-ID</c>, echoed back) and the node path; never the
/// API key, whether it came in the query string or the header.
/// </summary>
public sealed class RequestLoggingTests
{
    private const string Key = "logkey7f3a9c";

    [Fact]
    public async Task Each_request_is_one_json_event_with_its_id_and_node_path_and_no_key()
    {
        var port = FreePort();
        var output = new List<string>();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "tiled.dll"), "serve", "catalog", "--temp",
                     "--api-key", Key, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log-json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAnsweringAsync(http);
            using var byQuery = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/metadata/?api_key={Key}");
            byQuery.Headers.Add("X-Tiled-Request-ID", "probe-one");
            using var answered = await http.SendAsync(byQuery);
            using var missing = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metadata/nope");
            missing.Headers.TryAddWithoutValidation("Authorization", $"Apikey {Key}");
            using var notFound = await http.SendAsync(missing);

            answered.Headers.GetValues("X-Tiled-Request-ID").Should().Equal("probe-one");
            var first = await EventAsync(output, e => e["RequestId"]?.ToString() == "probe-one");
            var second = await EventAsync(output, e => e["NodePath"]?.ToString() == "nope");

            first["RequestMethod"]!.ToString().Should().Be("GET");
            first["RequestPath"]!.ToString().Should().Be("/api/v1/metadata/");
            first["StatusCode"]!.GetValue<int>().Should().Be(200);
            first["Elapsed"]!.GetValue<double>().Should().BeGreaterThan(0);
            second["StatusCode"]!.GetValue<int>().Should().Be(404);
            second["RequestId"]!.ToString().Should().Be(notFound.Headers.GetValues("X-Tiled-Request-ID").Single());
            lock (output)
            {
                output.Should().NotContain(line => line.Contains(Key, StringComparison.Ordinal), "no log line holds the API key");
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The first JSON event matching <paramref name="match"/>, waiting up to 10 s for the batched output.</summary>
    private static async Task<JsonObject> EventAsync(List<string> output, Func<JsonObject, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (output)
            {
                var found = output.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the request is logged: " + string.Join("\n", output));
            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAnsweringAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the server starts");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
