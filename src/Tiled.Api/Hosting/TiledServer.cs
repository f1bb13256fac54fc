using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiled.Api.Auth;
using Tiled.Api.Endpoints;
using Tiled.Api.Errors;
using Tiled.Api.Http;
using Tiled.Api.Logging;
using Tiled.Api.OpenApi;
using Tiled.Api.Operations;
using Tiled.Api.Resources;
using Tiled.Api.Streaming;
using Tiled.Api.Streaming.Multiplexed;
using Tiled.Api.WebView;
using Tiled.Application;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure;
using Tiled.Infrastructure.Health;

namespace Tiled.Api.Hosting;

/// <summary>Builds the web application for a set of <see cref="ServerSettings"/> (used by the CLI and by tests).</summary>
public static class TiledServer
{
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, bool verbose = false, CancellationToken ct = default)
    {
        var apiKey = settings.ApiKey ?? ApiKeys.Generate();
        if (!ApiKeys.IsValidFormat(apiKey))
        {
            throw new ArgumentException("The API key must be non-empty and contain only letters and digits.");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "tiled" });
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        var logger = LoggingSetup.CreateLogger(verbose, settings.JsonLogs);
        LoggingSetup.UseSerilog(builder.Logging, logger, owns: true);
        builder.WebHost.UseUrls(ListenUrl(settings.Host, settings.Port));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBody.MaxBytes);

        var infrastructure = new InfrastructureSettings(
            settings.DatabaseUri,
            settings.WriteStorage,
            settings.ReadStorage,
            settings.InitIfNotExists,
            settings.CacheUri,
            new StreamCacheOptions
            {
                DataTtlSeconds = settings.CacheDataTtlSeconds ?? 3600,
                SeqTtlSeconds = settings.CacheSeqTtlSeconds ?? 2_592_000,
            },
            settings.CacheKeyPrefix)
        {
            Timeouts = new DependencyTimeouts(
                Seconds(settings.DatabaseTimeoutSeconds) ?? DependencyTimeouts.Default.Database,
                Seconds(settings.CacheTimeoutSeconds) ?? DependencyTimeouts.Default.StreamCache),
        };
        await builder.Services.AddTiledInfrastructureAsync(infrastructure, LoggerFactory.Create(l => LoggingSetup.UseSerilog(l, logger, owns: false)), ct);
        builder.Services.AddHealthChecks().AddTiledReadinessChecks(infrastructure);
        var metrics = new TiledMetrics();
        builder.Services.AddSingleton(metrics);
        builder.Services.AddTiledApplication(settings.Limits, new Application.Streaming.StreamPayloadOptions(settings.StreamInlineLimitBytes));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTiledAuthorization(new ApiKeyOptions(apiKey, settings.Public));
        builder.Services.AddStreamSockets(settings.StreamSockets);
        builder.Services.AddSingleton(settings.IdleMemory).AddHostedService<IdleMemoryTrimmer>();
        builder.Services.AddExceptionHandler<TiledExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddTiledApiDocumentation();
        builder.Services.AddRequestLogging(logger);

        var app = builder.Build();
        app.UseRequestLogging(logger);
        app.UseExceptionHandler();
        app.UseJsonForEmptyErrors();
        app.UseForwardedHeaderCheck();
        app.UseMiddleware<SlashCollapsingMiddleware>();
        app.UseWebSockets();
        app.UseWebView();
        app.UseCsrfCookie();
        app.UseTiledApiDocumentation();
        // Routing runs after the path is normalised; each matched endpoint's policy then decides access.
        app.UseRouting();
        app.UseNodePathLogging();
        app.UseTiledHttpMetrics(metrics);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAboutEndpoints();
        app.MapNodeEndpoints();
        app.MapSearchEndpoints();
        app.MapArrayEndpoints();
        app.MapTableEndpoints();
        app.MapStreamEndpoints();
        app.MapDataSourceEndpoints();
        app.MapStreamSocketEndpoints();
        app.MapMultiplexedStreamEndpoint();
        app.MapAuthEndpoints();
        app.MapAsyncApiDocument();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints();

        if (settings.TemporaryDirectory is { } temp)
        {
            app.Lifetime.ApplicationStopped.Register(() => TryDelete(temp));
        }

        return app;
    }

    /// <summary>The address Kestrel actually bound (useful with port 0).</summary>
    public static string BoundAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("The server is not started.");

    private static string ListenUrl(string host, int port) =>
        System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"http://[{host}]:{port}"
            : $"http://{host}:{port}";

    private static TimeSpan? Seconds(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory that survives is harmless.
        }
    }
}
