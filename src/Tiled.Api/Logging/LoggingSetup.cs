using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace Tiled.Api.Logging;

/// <summary>The only place Serilog is configured: structured console output, framework noise at Warning.</summary>
internal static class LoggingSetup
{
    public static void UseSerilog(ILoggingBuilder logging, bool verbose)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            // Console writes are slow and serialized; the async sink keeps them off the request path.
            .WriteTo.Async(sink => sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}"))
            .CreateLogger();
        logging.ClearProviders().AddSerilog(logger, dispose: true);
    }
}
