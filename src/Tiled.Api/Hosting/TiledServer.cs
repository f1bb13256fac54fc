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
using Tiled.Api.Streaming;
using Tiled.Api.WebView;
using Tiled.Application;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure;

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
        LoggingSetup.UseSerilog(builder.Logging, verbose);
        builder.WebHost.UseUrls($"http://{settings.Host}:{settings.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBody.MaxBytes);

        await builder.Services.AddTiledInfrastructureAsync(new InfrastructureSettings(
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
        }, LoggerFactory.Create(l => LoggingSetup.UseSerilog(l, verbose)), ct);
        builder.Services.AddTiledApplication(settings.Limits);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTiledAuthorization(new ApiKeyOptions(apiKey, settings.Public));
        builder.Services.AddStreamSockets();
        builder.Services.AddExceptionHandler<TiledExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o => o.SwaggerDoc("v1", new() { Title = "Tiled for .NET", Version = AboutEndpoints.LibraryVersion }));

        var app = builder.Build();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseExceptionHandler();
        app.UseMiddleware<SlashCollapsingMiddleware>();
        app.UseWebSockets();
        app.UseWebView();
        app.UseCsrfCookie();
        app.UseSwagger(o => o.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Tiled for .NET");
        });
        // Routing runs after the path is normalised; each matched endpoint's policy then decides access.
        app.UseRouting();
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
        app.MapAuthEndpoints();

        if (settings.ApiKey is null)
        {
            Console.WriteLine($"Navigate a web browser or connect a Tiled client to: http://{settings.Host}:{settings.Port}?api_key={apiKey}");
        }

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
