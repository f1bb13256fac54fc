using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using MessagePack;
using Tiled.Formats.MessagePack;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Our MessagePack encoding (MessagePack-CSharp with our JSON and tree adapters) against @msgpack/msgpack (npm, run by Node.js): it must read what we
/// write, we must read what it writes, and where MessagePack has one smallest encoding of a value
/// both must produce the same bytes.
/// </summary>
public sealed class MessagePackInteropTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset s_epoch = DateTimeOffset.UnixEpoch;

    public static TheoryData<string> Categories => new() { "integers", "strings", "binaries", "containers", "timestamps", "floats", "messages" };

    [Theory]
    [MemberData(nameof(Categories))]
    public async Task Values_we_encode_decode_to_the_same_values_and_bytes_in_the_reference(string category)
    {
        var runner = MessagePackNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var values = CanonicalValues(category);
        var encoded = values.Select(MessagePackValue.Encode).ToList();

        var answers = await runner.RunAsync(encoded.Select(e => new JsonObject { ["decode"] = Convert.ToHexStringLower(e) }).ToList());

        for (var i = 0; i < values.Count; i++)
        {
            ShouldDecodeTo(answers[i], MessagePackTagged.From(values[i]), $"{category} #{i}");
            var ours = Convert.ToHexStringLower(encoded[i]);
            if ((string?)answers[i]["reencoded"] != ours)
            {
                Assert.Fail($"{category} #{i}: the reference encodes it as {Shorten((string?)answers[i]["reencoded"])}, we as {Shorten(ours)}.");
            }
        }
    }

    [Fact]
    public async Task Values_without_one_canonical_encoding_still_decode_to_the_same_values()
    {
        var runner = MessagePackNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        // The reference writes NaN with other bits, -0 as the integer 0, and floats as float64.
        var encoded = new List<(object? Value, byte[] Bytes)>
        {
            (double.NaN, MessagePackValue.Encode(double.NaN)),
            (-0.0, MessagePackValue.Encode(-0.0)),
            (2.0, MessagePackValue.Encode(2.0)),
            ((double)0.1f, MessagePackValue.Encode(0.1f)),
            ((double)float.MaxValue, MessagePackValue.Encode(float.MaxValue)),
            (double.NegativeInfinity, MessagePackValue.Encode(float.NegativeInfinity)),
            (1e-45f, MessagePackValue.Encode(1e-45f)),
        };

        var answers = await runner.RunAsync(encoded.Select(e => new JsonObject { ["decode"] = Convert.ToHexStringLower(e.Bytes) }).ToList());

        for (var i = 0; i < encoded.Count; i++)
        {
            ShouldDecodeTo(answers[i], MessagePackTagged.From(encoded[i].Value), $"value #{i}");
        }
    }

    [Theory]
    [MemberData(nameof(Categories))]
    public async Task Values_the_reference_encodes_decode_to_the_same_values_here(string category)
    {
        var runner = MessagePackNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        var tagged = CanonicalValues(category).Select(MessagePackTagged.From).ToList();

        var answers = await runner.RunAsync(tagged.Select(t => new JsonObject { ["encode"] = t?.DeepClone() }).ToList());

        for (var i = 0; i < tagged.Count; i++)
        {
            var hex = (string?)answers[i]["hex"] ?? throw new InvalidOperationException($"Reference failed: {answers[i]["error"]}");
            var decoded = MessagePackValue.Decode(Convert.FromHexString(hex));
            var actual = MessagePackTagged.From(decoded);
            if (!JsonNode.DeepEquals(actual, tagged[i]))
            {
                Assert.Fail($"{category} #{i} was encoded by the reference as {Shorten(hex)} and decoded here as {Shorten(actual?.ToJsonString())}.");
            }
        }
    }

    [Fact]
    public async Task Json_documents_encode_to_the_bytes_the_reference_writes_for_them()
    {
        var runner = MessagePackNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        string[] documents =
        [
            """{"type": "container-child-created", "sequence": 4, "key": "x", "structure_family": "array", "specs": [{"name": "s", "version": null}], "metadata": {"color": "red", "scale": 0.5, "count": -40000, "flags": [true, false]}}""",
            """{"data_type": {"endianness": "little", "kind": "f", "itemsize": 8, "dt_units": null}, "chunks": [[3, 3]], "shape": [6], "dims": null, "resizable": false}""",
            """[1.5e300, -2.25, 1e-7, 4294967295, 4294967296, -2147483649, 9007199254740991, -9007199254740991]""",
            """{"text": "Grüße \u00e9 \ud83c\udf0d \"quoted\" \\ \n", "empty": "", "nested": [[[[]]]], "obj": {}}""",
        ];
        var ours = documents.Select(d =>
        {
            using var document = JsonDocument.Parse(d);
            var buffer = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(buffer);
            writer.WriteJson(document.RootElement);
            writer.Flush();
            return Convert.ToHexStringLower(buffer.WrittenSpan);
        }).ToList();

        var answers = await runner.RunAsync(documents.Select(d => new JsonObject { ["encode"] = JsonNode.Parse(d) }).ToList());

        for (var i = 0; i < documents.Length; i++)
        {
            ((string?)answers[i]["hex"]).Should().Be(ours[i], $"document #{i} is {documents[i]}");
        }
    }

    [Fact]
    public async Task Malformed_input_is_rejected_by_both_implementations()
    {
        var runner = MessagePackNodeRunner.Find(output);
        if (runner is null)
        {
            return;
        }

        string[] malformed = ["c1", "d9056162", "92c0", "cb0000"];

        var answers = await runner.RunAsync(malformed.Select(hex => new JsonObject { ["decode"] = hex }).ToList());

        for (var i = 0; i < malformed.Length; i++)
        {
            answers[i]["error"].Should().NotBeNull($"the reference rejects {malformed[i]}");
            var act = () => MessagePackValue.Decode(Convert.FromHexString(malformed[i]));
            act.Should().Throw<MessagePackException>();
        }
    }

    private static List<object?> CanonicalValues(string category) => category switch
    {
        "integers" => [
            0L, 1L, 127L, 128L, 255L, 256L, 65535L, 65536L, (long)uint.MaxValue, 1L << 32, (1L << 53) - 1, 1L << 53, long.MaxValue,
            ulong.MaxValue, 1UL << 63, -1L, -32L, -33L, -128L, -129L, -32768L, -32769L, (long)int.MinValue, int.MinValue - 1L,
            -(1L << 53) + 1, -(1L << 53), long.MinValue,
        ],
        "strings" => [
            "", "a", new string('s', 31), new string('s', 32), new string('s', 255), new string('s', 256), new string('s', 65535),
            new string('s', 65536), "Grüße, 世界 — 🌍", new string('é', 16), new string('界', 100),
        ],
        "binaries" => [
            Array.Empty<byte>(), Bytes(1), Bytes(255), Bytes(256), Bytes(65535), Bytes(65536),
        ],
        "containers" => [
            new List<object?>(), Enumerable.Range(0, 15).Select(i => (object?)(long)i).ToList(), Enumerable.Range(0, 16).Select(i => (object?)(long)i).ToList(),
            Enumerable.Range(0, 65535).Select(i => (object?)(long)i).ToList(), Enumerable.Range(0, 65536).Select(i => (object?)(long)(i % 300)).ToList(),
            new Dictionary<string, object?>(), Map(15), Map(16), Map(65535), Map(65536),
            new List<object?> { new List<object?> { new Dictionary<string, object?> { ["deep"] = new List<object?> { null, true } } } },
        ],
        "timestamps" => [
            s_epoch, s_epoch.AddSeconds(1), s_epoch.AddSeconds(uint.MaxValue), s_epoch.AddSeconds(1L << 32), s_epoch.AddTicks(1),
            s_epoch.AddSeconds((1L << 34) - 1).AddTicks(9_999_999), s_epoch.AddSeconds(1L << 34), s_epoch.AddSeconds(-1), s_epoch.AddTicks(-1),
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2026, 8, 21, 10, 15, 30, 123, TimeSpan.Zero).AddTicks(4560),
        ],
        "floats" => [0.5, -2.25, 0.1, 1e-300, 1.7976931348623157e308, double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, 1e21 + 0.5e6],
        "messages" => [
            new Dictionary<string, object?>
            {
                ["type"] = "array-data", ["sequence"] = 2L, ["timestamp"] = "2026-08-21T10:15:30.123456+00:00",
                ["mimetype"] = "application/octet-stream", ["shape"] = new List<object?> { 3L }, ["offset"] = null,
                ["block"] = null, ["payload"] = Bytes(24),
            },
            new Dictionary<string, object?> { ["type"] = "array-schema", ["version"] = 1L, ["data_type"] = new Dictionary<string, object?>
            {
                ["endianness"] = "little", ["kind"] = "i", ["itemsize"] = 8L, ["dt_units"] = null,
            } },
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    private static byte[] Bytes(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

    // Keys that are not integer-like, so JavaScript objects keep them in insertion order.
    private static Dictionary<string, object?> Map(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => (object?)(i % 2 == 0 ? i : $"v{i}"));

    private static void ShouldDecodeTo(JsonObject answer, JsonNode? expected, string what)
    {
        answer["error"].Should().BeNull($"the reference should decode {what}");
        // The message is built only on failure: printing the 65536-entry values is slow.
        if (!JsonNode.DeepEquals(answer["value"], expected))
        {
            Assert.Fail($"{what} should decode to {Shorten(expected?.ToJsonString())} but the reference printed {Shorten(answer["value"]?.ToJsonString())}.");
        }
    }

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 300 ? text : text[..300] + "…";
}
