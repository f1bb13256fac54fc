using System.Collections.Concurrent;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Tiled.Api.Logging;

/// <summary>
/// Queues events and formats and writes them to stdout in batches, every <see cref="FlushInterval"/>,
/// at once for errors, and on dispose. Logging a request costs one enqueue: no thread wake-up and no
/// write system call per line (the console sink behind an async wrapper cost a tenth of the server's
/// CPU at thousands of requests per second). Beyond <c>capacity</c> queued events new ones are
/// dropped and counted, and the count is logged with the next batch.
/// </summary>
internal sealed class BufferedConsoleSink : ILogEventSink, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private readonly ITextFormatter _formatter;
    private readonly int _capacity;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly StreamWriter _output;
    private readonly Lock _writing = new();
    private readonly Timer _flusher;
    private int _queued;
    private int _dropped;

    public BufferedConsoleSink(ITextFormatter formatter, Stream? output = null, int capacity = 100_000)
    {
        _formatter = formatter;
        _capacity = capacity;
        _output = new StreamWriter(output ?? Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        _flusher = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    public void Emit(LogEvent logEvent)
    {
        if (Interlocked.Increment(ref _queued) > _capacity)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(logEvent);
        if (logEvent.Level >= LogEventLevel.Error)
        {
            Flush();
        }
    }

    public void Dispose()
    {
        _flusher.Dispose();
        Flush();
    }

    private void Flush()
    {
        lock (_writing)
        {
            while (_queue.TryDequeue(out var logEvent))
            {
                Interlocked.Decrement(ref _queued);
                _formatter.Format(logEvent, _output);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
            {
                _output.WriteLine($"[{DateTime.Now:HH:mm:ss} WRN] {dropped} log events were dropped: logging could not keep up");
            }

            try
            {
                _output.Flush();
            }
            catch (IOException)
            {
                // stdout closed (the reading side went away): logging must not take the server down.
            }
        }
    }
}
