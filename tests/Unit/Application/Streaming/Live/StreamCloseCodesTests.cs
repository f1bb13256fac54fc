using System.Text;
using FluentAssertions;
using Tiled.Application.Streaming.Live;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming.Live;

public sealed class StreamCloseCodesTests
{
    [Fact]
    public void A_short_reason_is_kept() =>
        StreamCloseCodes.Truncate("Producer ended stream").Should().Be("Producer ended stream");

    [Theory]
    [InlineData('a')]
    [InlineData('µ')]
    [InlineData('€')]
    public void A_long_reason_is_cut_to_the_123_bytes_a_close_frame_allows(char filler)
    {
        var reason = StreamCloseCodes.Truncate("No such entry: ['" + new string(filler, 300) + "']");

        Encoding.UTF8.GetByteCount(reason).Should().BeLessThanOrEqualTo(123);
        reason.Should().StartWith("No such entry: ['").And.EndWith("...");
    }

    [Fact]
    public void The_slow_subscriber_reason_tells_where_to_resume() =>
        StreamCloseCodes.TooSlowReason(43).Should().Be("Subscriber too slow; reconnect with start=43");
}
