using System.Net;
using System.Text;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Api.Hosting;
using Tiled.Api.Operations;
using Tiled.IntegrationTests.Infrastructure;
using Tiled.IntegrationTests.Streaming;
using Xunit;

namespace Tiled.IntegrationTests.Hosting;

/// <summary>
/// Stopping the server (Ctrl+C, SIGTERM) tells subscribers it is going away (1001) and lets a
/// write that is being received finish and be stored (issue #17).
/// </summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiled-shutdown-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Issue_17_subscribers_are_closed_with_1001_when_the_server_stops()
    {
        await using var app = await StartAsync(Settings());
        var url = TiledServer.BoundAddress(app).TrimEnd('/');
        using var http = Http(url);
        await Wire.CreateInt64ArrayAsync(http, "x", 1, 2, 3);
        using var socket = await WebSocketClient.ConnectAsync(url, "x?envelope_format=json");
        await WebSocketClient.ReceiveJsonAsync(socket);

        var stopping = app.StopAsync();
        var (code, reason) = await WebSocketClient.ReadUntilCloseAsync(socket);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        code.Should().Be(1001);
        reason.Should().Contain("shutting down");
    }

    [Fact]
    public async Task Issue_17_a_write_in_flight_when_the_server_stops_finishes_and_is_stored()
    {
        var settings = Settings();
        var body = new GatedBody(Wire.Int64s(7, 8, 9));
        HttpResponseMessage written;
        await using (var app = await StartAsync(settings))
        {
            var url = TiledServer.BoundAddress(app).TrimEnd('/');
            using var http = Http(url);
            await Wire.CreateInt64ArrayAsync(http, "x", 1, 2, 3);
            var write = http.PutAsync("/api/v1/array/full/x", body);
            await body.HalfSent.WaitAsync(TimeSpan.FromSeconds(10));
            await RequestInProgressAsync(app, "PUT");

            var stopping = app.StopAsync();
            body.Release();
            written = await write.WaitAsync(TimeSpan.FromSeconds(20));
            await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        }

        written.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var again = await StartAsync(settings with { InitIfNotExists = false });
        using var reader = Http(TiledServer.BoundAddress(again).TrimEnd('/'));
        Wire.ToInt64s(await reader.GetByteArrayAsync("/api/v1/array/full/x")).Should().Equal(7, 8, 9);
    }

    /// <summary>Waits until the server is handling a <paramref name="method"/> request (before that, a stop may just close the connection).</summary>
    private static async Task RequestInProgressAsync(WebApplication app, string method)
    {
        var metrics = app.Services.GetRequiredService<TiledMetrics>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var text = new MemoryStream();
            await metrics.Registry.CollectAndExportAsTextAsync(text);
            if (Encoding.UTF8.GetString(text.ToArray()).Split('\n')
                .Any(l => l.StartsWith("http_requests_in_progress{", StringComparison.Ordinal) && l.Contains($"method=\"{method}\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)))
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the server starts handling the request");
            await Task.Delay(20);
        }
    }

    private ServerSettings Settings() => new()
    {
        Port = 0,
        ApiKey = TiledServerFixture.ApiKey,
        DatabaseUri = $"sqlite:///{Path.Combine(_directory, "catalog.db")}",
        WriteStorage = Path.Combine(_directory, "data"),
        InitIfNotExists = true,
    };

    private static HttpClient Http(string url) => new()
    {
        BaseAddress = new Uri(url),
        DefaultRequestHeaders = { Authorization = new("Apikey", TiledServerFixture.ApiKey) },
    };

    private static async Task<WebApplication> StartAsync(ServerSettings settings)
    {
        var app = await TiledServer.BuildAsync(settings);
        await app.StartAsync();
        return app;
    }

    /// <summary>A request body that sends its first half, then waits for <see cref="Release"/> before the rest.</summary>
    private sealed class GatedBody : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly TaskCompletionSource _halfSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public GatedBody(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new("application/octet-stream");
        }

        public Task HalfSent => _halfSent.Task;

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes.AsMemory(0, _bytes.Length / 2));
            await stream.FlushAsync();
            _halfSent.TrySetResult();
            await _release.Task;
            await stream.WriteAsync(_bytes.AsMemory(_bytes.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}
