using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

public sealed class MessagePackTimestampTests
{
    private static readonly DateTimeOffset s_epoch = DateTimeOffset.UnixEpoch;

    public static TheoryData<DateTimeOffset, string> Timestamps => new()
    {
        { s_epoch, "d6ff00000000" },
        { s_epoch.AddSeconds(1), "d6ff00000001" },
        { s_epoch.AddSeconds(uint.MaxValue), "d6ffffffffff" },
        { s_epoch.AddSeconds(1L << 32), "d7ff0000000100000000" },
        { s_epoch.AddSeconds(1).AddTicks(5), "d7ff000007d000000001" },
        { s_epoch.AddSeconds((1L << 34) - 1).AddTicks(9_999_999), "d7ffee6b2673ffffffff" },
        { s_epoch.AddSeconds(1L << 34), "c70cff000000000000000400000000" },
        { s_epoch.AddSeconds(-1), "c70cff00000000ffffffffffffffff" },
        { s_epoch.AddTicks(-1), "c70cff3b9ac99cffffffffffffffff" },
        { DateTimeOffset.MinValue, "c70cff00000000fffffff1886e0900" },
        { DateTimeOffset.MaxValue, "c70cff3b9ac99c0000003afff4417f" },
    };

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Timestamps_use_the_smallest_of_the_32_64_and_96_bit_forms(DateTimeOffset time, string expected) =>
        Hex((ref MessagePackWriter w) => w.WriteTimestamp(time)).Should().Be(expected);

    [Theory]
    [MemberData(nameof(Timestamps))]
    public void Timestamps_read_back_to_the_same_instant_in_utc(DateTimeOffset time, string encoded)
    {
        var read = MessagePackValue.Decode(Bytes(encoded)).Should().BeOfType<DateTimeOffset>().Subject;

        read.Should().Be(time);
        read.Offset.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void The_offset_of_a_local_time_is_dropped()
    {
        var local = new DateTimeOffset(2024, 5, 6, 9, 30, 0, TimeSpan.FromHours(2));

        Hex((ref MessagePackWriter w) => w.WriteTimestamp(local)).Should().Be(Hex((ref MessagePackWriter w) => w.WriteTimestamp(local.ToUniversalTime())));
    }

    [Fact]
    public void A_96_bit_timestamp_of_a_small_time_is_still_accepted()
    {
        MessagePackValue.Decode(Bytes("c70cff000000000000000000000001")).Should().Be(s_epoch.AddSeconds(1));
    }

    [Fact]
    public void Nanoseconds_below_100_are_truncated()
    {
        MessagePackValue.Decode(Bytes("d7ff000007fc00000001")).Should().Be(s_epoch.AddSeconds(1).AddTicks(5));
    }

    [Theory]
    [InlineData("d7ffee6b2800ffffffff", "nanoseconds")]
    [InlineData("c70cff000000007fffffffffffffff", "outside the range")]
    [InlineData("d6fe00000001", "type -2")]
    [InlineData("c705ff0000000000", "5 bytes")]
    public void Invalid_timestamps_are_rejected_with_a_reason(string encoded, string reason)
    {
        var act = () => MessagePackValue.Decode(Bytes(encoded));

        act.Should().Throw<MessagePackException>().WithMessage($"*{reason}*");
    }
}
