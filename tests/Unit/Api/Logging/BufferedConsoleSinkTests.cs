using System.Text;
using FluentAssertions;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;
using Tiled.Api.Logging;
using Xunit;

namespace Tiled.UnitTests.Api.Logging;

public sealed class BufferedConsoleSinkTests
{
    private readonly MemoryStream _output = new();

    [Fact]
    public void An_error_is_written_out_at_once()
    {
        var sink = Sink();

        sink.Emit(Event(LogEventLevel.Error, "it broke"));

        Written().Should().Be("ERR it broke\n");
    }

    [Fact]
    public void Buffered_lines_are_all_written_out_on_dispose_in_order()
    {
        var sink = Sink();

        sink.Emit(Event(LogEventLevel.Information, "one"));
        sink.Emit(Event(LogEventLevel.Warning, "two"));
        sink.Dispose();

        Written().Should().Be("INF one\nWRN two\n");
    }

    [Fact]
    public void Events_beyond_the_capacity_are_dropped_and_counted()
    {
        var sink = Sink(capacity: 2);

        sink.Emit(Event(LogEventLevel.Information, "one"));
        sink.Emit(Event(LogEventLevel.Information, "two"));
        sink.Emit(Event(LogEventLevel.Information, "three"));
        sink.Emit(Event(LogEventLevel.Information, "four"));
        sink.Dispose();

        Written().Should().StartWith("INF one\nINF two\n").And.EndWith("] 2 log events were dropped: logging could not keep up\n");
    }

    private BufferedConsoleSink Sink(int capacity = 100) =>
        new(new MessageTemplateTextFormatter("{Level:u3} {Message}\n"), _output, capacity);

    private string Written() => Encoding.UTF8.GetString(_output.ToArray());

    private static LogEvent Event(LogEventLevel level, string text) =>
        new(DateTimeOffset.UnixEpoch, level, null, new MessageTemplateParser().Parse(text), []);
}
