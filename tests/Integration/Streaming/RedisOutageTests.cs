using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using static Tiled.IntegrationTests.Streaming.WebSocketClient;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>A SQLite server on a Redis of its own, which the tests stop and start again.</summary>
public sealed class StoppableRedisServer : TiledServerFixture
{
    private readonly int _redisPort = FreePort();
    private Process? _redis;

    protected override string? CacheUri => $"redis://127.0.0.1:{_redisPort}";

    public async Task StartRedisAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "--port", _redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _redis = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _redisPort);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("redis-server did not listen.");
    }

    public void StopRedis()
    {
        _redis?.Kill();
        _redis?.WaitForExit();
        _redis?.Dispose();
        _redis = null;
    }

    protected override async Task<string?> DatabaseUriAsync()
    {
        await StartRedisAsync();
        return $"sqlite:///{Path.Combine(TempDirectory, "catalog.db")}";
    }

    protected override Task DisposeDatabaseAsync()
    {
        StopRedis();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Redis stops in the middle of a stream: writes are refused with 503 and Retry-After before they
/// store anything, so no stored write goes unannounced; when Redis is back, writes are stored and
/// streamed again.
/// </summary>
public sealed class RedisOutageTests(StoppableRedisServer server) : IClassFixture<StoppableRedisServer>
{
    [Fact]
    public async Task While_Redis_is_down_writes_are_503_and_store_nothing_and_afterwards_every_stored_write_is_streamed()
    {
        if (server.UnavailableReason is not null) { return; }
        var key = Wire.NewKey("outage");
        await Wire.CreateInt64ArrayAsync(server.Http, key, 1, 2, 3, 4);

        server.StopRedis();
        var refused = await PutUntilAsync(key, [1, 2, 3, 4], HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var write = await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(9, 9, 9, 9)));
        (await write.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable)).Should().Contain("nothing was stored");
        var create = await server.Http.PostAsync("/api/v1/metadata/", Wire.Json(Wire.Int64Body(key + "b", 2)));
        await create.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Wire.ToInt64s(await server.Http.GetByteArrayAsync($"/api/v1/array/full/{key}")).Should().Equal(1, 2, 3, 4);
        (await server.Http.GetAsync($"/api/v1/metadata/{key}b")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await server.StartRedisAsync();
        await PutUntilAsync(key, [5, 6, 7, 8], HttpStatusCode.OK);

        using var subscriber = await ConnectAsync(server, $"{key}?envelope_format=json&start=0");
        (await ReceiveJsonAsync(subscriber))["type"]!.ToString().Should().Be("array-schema");
        var update = await ReceiveJsonAsync(subscriber);
        update["payload"]!.AsArray().Select(v => v!.GetValue<long>()).Should().Equal(5, 6, 7, 8);
    }

    /// <summary>Repeats one idempotent write until it gets <paramref name="status"/> (the server notices an outage within seconds).</summary>
    private async Task<HttpResponseMessage> PutUntilAsync(string key, long[] values, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await server.Http.PutAsync($"/api/v1/array/full/{key}", Wire.Octets(Wire.Int64s(values)));
            if (response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
                return response;
            }

            await Task.Delay(100);
        }
    }
}
