using FluentAssertions;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

public sealed class MessagePackMalformedInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("cc")]
    [InlineData("cd01")]
    [InlineData("ce000000")]
    [InlineData("cf00000000000000")]
    [InlineData("d0")]
    [InlineData("d100")]
    [InlineData("d2000000")]
    [InlineData("d300000000000000")]
    [InlineData("ca000000")]
    [InlineData("cb00000000000000")]
    [InlineData("a36162")]
    [InlineData("d9")]
    [InlineData("d90561626364")]
    [InlineData("da00")]
    [InlineData("db000000")]
    [InlineData("c4")]
    [InlineData("c40501")]
    [InlineData("c5ffff")]
    [InlineData("92c0")]
    [InlineData("dc0002c0")]
    [InlineData("dd00000002c0")]
    [InlineData("81a161")]
    [InlineData("de0001a161")]
    [InlineData("d6ff0000")]
    [InlineData("d7ff")]
    [InlineData("c70cff00")]
    [InlineData("c8")]
    public void Truncated_input_is_a_message_pack_error(string hex)
    {
        var act = () => MessagePackValue.Decode(Bytes(hex));

        act.Should().ThrowExactly<MessagePackException>().WithMessage("*truncated*");
    }

    [Fact]
    public void Every_prefix_of_a_valid_document_is_rejected_as_truncated()
    {
        var document = MessagePackValue.Encode(new Dictionary<string, object?>
        {
            ["type"] = "array-data",
            ["sequence"] = 70000L,
            ["shape"] = new List<object?> { 3L, -40000L, ulong.MaxValue },
            ["ratio"] = 0.5,
            ["payload"] = new byte[300],
            ["text"] = new string('t', 40),
            ["timestamp"] = DateTimeOffset.UnixEpoch.AddTicks(-1),
            ["when"] = DateTimeOffset.UnixEpoch.AddSeconds(1),
        });

        for (var length = 0; length < document.Length; length++)
        {
            var prefix = document[..length];
            var act = () => MessagePackValue.Decode(prefix);

            act.Should().ThrowExactly<MessagePackException>($"a {length}-byte prefix is incomplete").WithMessage("*truncated*");
        }
    }

    [Fact]
    public void Random_bytes_either_decode_or_raise_only_message_pack_errors()
    {
        var random = new Random(20260821);
        var buffer = new byte[64];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var input = buffer[..random.Next(1, buffer.Length)];
            try
            {
                MessagePackValue.Decode(input);
            }
            catch (MessagePackException)
            {
            }
        }
    }

    [Fact]
    public void The_never_used_format_byte_is_rejected()
    {
        var act = () => MessagePackValue.Decode(Bytes("c1"));

        act.Should().ThrowExactly<MessagePackException>().WithMessage("*0xc1*");
    }
}
