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
            // The start-up banner (StartupBanner) says where the server listens; the host's own lines would repeat it.
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            // A failed start (port in use, address not here) is reported by the command line in one line, not as a stack trace.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new BufferedConsoleSink(new MessageTemplateTextFormatter(OutputTemplate)))
            .CreateLogger();
        logging.ClearProviders().AddSerilog(logger, dispose: true);
    }
}
