using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Tiled.Api.Logging;

/// <summary>
/// The only place Serilog is configured: readable text by default, one JSON object per line
/// (Serilog's compact format) with <c>--log-json</c>; framework noise at Warning.
/// </summary>
internal static class LoggingSetup
{
    private const string OutputTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static Serilog.ILogger CreateLogger(bool verbose, bool json)
    {
        ITextFormatter formatter = json ? new CompactJsonFormatter() : new MessageTemplateTextFormatter(OutputTemplate);
        return new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new BufferedConsoleSink(formatter))
            .CreateLogger();
    }

    /// <summary>Sends <paramref name="logging"/>'s output to <paramref name="logger"/> (disposed with it when <paramref name="owns"/>).</summary>
    public static void UseSerilog(ILoggingBuilder logging, Serilog.ILogger logger, bool owns) =>
        logging.ClearProviders().AddSerilog(logger, dispose: owns);
}
