using System.Text;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

public sealed class EndOfStreamMarkerTests
{
    [Theory]
    [InlineData("""{"timestamp":"2025-01-01T00:00:00","end_of_stream":true}""", true)]
    [InlineData("""{"end_of_stream": true, "timestamp": "x"}""", true)]
    [InlineData("""{"timestamp":"x","end_of_stream":false}""", false)]
    [InlineData("""{"type":"container-child-created","metadata":{"end_of_stream":true}}""", false)]
    [InlineData("""{"type":"array-data","shape":[1]}""", false)]
    [InlineData("""not json "end_of_stream" """, false)]
    [InlineData("""[{"end_of_stream":true}]""", false)]
    public void Only_a_top_level_true_end_of_stream_key_marks_the_end(string json, bool expected) =>
        EndOfStreamMarker.Is(new StreamEntry(1, Encoding.UTF8.GetBytes(json), ReadOnlyMemory<byte>.Empty)).Should().Be(expected);

    [Fact]
    public void An_entry_with_a_payload_is_never_a_marker() =>
        EndOfStreamMarker.Is(new StreamEntry(1, """{"end_of_stream":true}"""u8.ToArray(), new byte[] { 1 })).Should().BeFalse();
}
