using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Tiled.Api.Logging;

/// <summary>The only place Serilog is configured: structured console output, framework noise at Warning.</summary>
internal static class LoggingSetup
{
    private const string OutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static void UseSerilog(ILoggingBuilder logging, bool verbose)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new BufferedConsoleSink(new MessageTemplateTextFormatter(OutputTemplate)))
            .CreateLogger();
        logging.ClearProviders().AddSerilog(logger, dispose: true);
    }
}
