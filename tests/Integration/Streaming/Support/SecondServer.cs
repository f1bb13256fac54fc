using Microsoft.AspNetCore.Builder;
using Tiled.Api.Hosting;
using Tiled.Client;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>
/// Another server process-alike on the same settings as a fixture (same catalog, same Redis and key
/// prefix) but its own port: what two replicas behind a load balancer look like.
/// </summary>
public sealed class SecondServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SecondServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<SecondServer> StartAsync(ServerSettings settings)
    {
        var app = await TiledServer.BuildAsync(settings with { Port = 0, InitIfNotExists = false });
        await app.StartAsync();
        return new SecondServer(app, TiledServer.BoundAddress(app).TrimEnd('/'));
    }

    public Task<ContainerClient> ConnectAsync() => TiledClient.ConnectAsync(new Uri(BaseUrl), TiledServerFixture.ApiKey);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
