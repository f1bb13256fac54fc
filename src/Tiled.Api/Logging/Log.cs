using Microsoft.Extensions.Logging;

namespace Tiled.Api.Logging;

/// <summary>Every log message of the Api layer (event ids 1000-1999). Never API keys or payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Client aborted {Path}")]
    public static partial void RequestAborted(ILogger logger, string path);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Tiled serving on {Address} (catalog {CatalogKind}, stream cache {CacheKind})")]
    public static partial void Serving(ILogger logger, string address, string catalogKind, string cacheKind);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {ErrorCode} ({Cause})")]
    public static partial void DependencyUnavailable(ILogger logger, string method, string path, string errorCode, string cause);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Idle after a burst of allocation: heap committed {BeforeMiB} MiB, {AfterMiB} MiB after an aggressive collection")]
    public static partial void MemoryTrimmed(ILogger logger, long beforeMiB, long afterMiB);
}
