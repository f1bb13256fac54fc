using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tiled.Api.Auth;

namespace Tiled.Api.Hosting;

/// <summary>
/// What a person starting the server needs once it listens: where it is, where its documentation
/// is, and how to authenticate. A key the user supplied is never printed; a generated one is
/// printed this once, as Tiled does.
/// </summary>
public static class StartupBanner
{
    public static IReadOnlyList<string> Lines(WebApplication app, ServerSettings settings)
    {
        var url = TiledServer.BoundAddress(app).TrimEnd('/');
        var keys = app.Services.GetRequiredService<ApiKeyOptions>();
        var lines = new List<string>
        {
            $"Tiled for .NET is listening on {url}",
            $"  API:            {url}/api/v1/",
            $"  Documentation:  {url}/docs",
            $"  Web view:       {url}/ui/",
        };

        lines.Add(settings.ApiKey is null
            ? $"  API key:        {keys.ApiKey} (generated for this run; pass --api-key to choose one)"
            : "  Authenticate:   send 'Authorization: Apikey <your key>' or add ?api_key=<your key> (the key given at start-up)");
        if (settings.Public)
        {
            lines.Add("  Public:         anyone may read without a key (--public); writes still need the key");
        }

        lines.Add($"  Operations:     {url}/healthz (alive), {url}/readyz (ready), {url}/api/v1/metrics (needs scope 'metrics')");
        if (settings.ApiKey is null)
        {
            lines.Add($"Navigate a web browser or connect a Tiled client to: {url}?api_key={keys.ApiKey}");
        }

        lines.Add("Press Ctrl+C to stop.");
        return lines;
    }
}
