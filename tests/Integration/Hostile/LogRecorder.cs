using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiled.IntegrationTests.Infrastructure;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>Records what a running server logs at Warning or above (a 500, a failed cleanup), for a test to assert there was none.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Adds a recorder to <paramref name="server"/>'s logging; its loggers made earlier report to it too.</summary>
    public static LogRecorder AttachTo(TiledServerFixture server)
    {
        var recorder = new LogRecorder();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(recorder);
        return recorder;
    }

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                recorder._entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }
        }
    }
}
