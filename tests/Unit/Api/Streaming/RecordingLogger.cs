using Microsoft.Extensions.Logging;

namespace Tiled.UnitTests.Api.Streaming;

/// <summary>Records the event ids logged and lets a test await one.</summary>
internal class RecordingLogger : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<int> _eventIds = [];
    private readonly List<(int EventId, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<int> EventIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _eventIds];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        List<TaskCompletionSource> seen;
        lock (_gate)
        {
            _eventIds.Add(eventId.Id);
            seen = _waiters.Where(w => w.EventId == eventId.Id).Select(w => w.Seen).ToList();
            _waiters.RemoveAll(w => w.EventId == eventId.Id);
        }

        seen.ForEach(s => s.TrySetResult());
    }

    public Task WaitForAsync(int eventId)
    {
        lock (_gate)
        {
            if (_eventIds.Contains(eventId))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}

/// <summary>A <see cref="RecordingLogger"/> for code that asks for a logger of its own category.</summary>
internal sealed class RecordingLogger<T> : RecordingLogger, ILogger<T>;
