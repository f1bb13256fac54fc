using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using static Tiled.UnitTests.Formats.Packed;

namespace Tiled.UnitTests.Formats;

public sealed class MessagePackJsonTests
{
    [Theory]
    [InlineData("null", "c0")]
    [InlineData("true", "c3")]
    [InlineData("false", "c2")]
    [InlineData("\"abc\"", "a3616263")]
    [InlineData("0", "00")]
    [InlineData("-0", "00")]
    [InlineData("-33", "d0df")]
    [InlineData("4294967296", "cf0000000100000000")]
    [InlineData("-9223372036854775808", "d38000000000000000")]
    [InlineData("9223372036854775808", "cf8000000000000000")]
    [InlineData("18446744073709551615", "cfffffffffffffffff")]
    [InlineData("18446744073709551616", "cb43f0000000000000")]
    [InlineData("1.0", "cb3ff0000000000000")]
    [InlineData("1e3", "cb408f400000000000")]
    [InlineData("0.1", "cb3fb999999999999a")]
    [InlineData("1e400", "cb7ff0000000000000")]
    [InlineData("-1e400", "cbfff0000000000000")]
    [InlineData("[]", "90")]
    [InlineData("{}", "80")]
    public void Json_scalars_and_empty_containers_convert_by_the_documented_rules(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement)).Should().Be(expected);
    }

    [Fact]
    public void Objects_become_maps_in_document_order()
    {
        using var document = JsonDocument.Parse("""{"z": 1, "a": [true, null, "x"], "m": {"k": 1.5}}""");

        Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement)).Should().Be(
            "83" + "a17a01" + "a16193c3c0a178" + "a16d81a16bcb3ff8000000000000");
    }

    [Fact]
    public void Escaped_strings_and_keys_are_unescaped()
    {
        using var document = JsonDocument.Parse("""{"k\u00e9": "a\nb\"", "\ud83d\ude00": "\ud83d\ude00"}""");

        Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement)).Should().Be(
            "82" + "a36bc3a9" + "a4610a6222" + "a4f09f9880" + "a4f09f9880");
    }

    [Fact]
    public void Non_ascii_text_without_escapes_is_copied_as_utf8()
    {
        using var document = JsonDocument.Parse("""{"é": "世界"}""");

        Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement)).Should().Be("81" + "a2c3a9" + "a6e4b896e7958c");
    }

    [Fact]
    public void Nodes_convert_like_the_same_parsed_document()
    {
        const string json = """{"meta": {"color": "red", "count": 3, "ratio": 0.5, "tags": ["a", null, false], "big": 18446744073709551615}}""";
        using var document = JsonDocument.Parse(json);

        Hex((ref MessagePackWriter w) => w.WriteJson(JsonNode.Parse(json))).Should().Be(Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement)));
    }

    [Fact]
    public void Nodes_built_from_clr_values_convert_to_their_json_meaning()
    {
        var node = new JsonObject
        {
            ["int"] = 5,
            ["long"] = 1L << 40,
            ["double"] = 0.5,
            ["decimal"] = 1.5m,
            ["string"] = "s",
            ["bool"] = true,
            ["null"] = null,
        };

        Hex((ref MessagePackWriter w) => w.WriteJson(node)).Should().Be(
            "87" + "a3696e74" + "05" + "a46c6f6e67" + "cf0000010000000000" + "a6646f75626c65" + "cb3fe0000000000000"
            + "a7646563696d616c" + "cb3ff8000000000000" + "a6737472696e67" + "a173" + "a4626f6f6c" + "c3" + "a46e756c6c" + "c0");
    }

    [Fact]
    public void Json_decoded_as_a_tree_gives_back_the_same_values()
    {
        using var document = JsonDocument.Parse("""{"a": [1, -2, 2.5, "x", null, true], "b": {}}""");

        var tree = MessagePackValue.Decode(Bytes(Hex((ref MessagePackWriter w) => w.WriteJson(document.RootElement))));

        tree.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["a"] = new List<object?> { 1L, -2L, 2.5, "x", null, true },
            ["b"] = new Dictionary<string, object?>(),
        }, o => o.RespectingRuntimeTypes().WithStrictOrdering());
    }
}
