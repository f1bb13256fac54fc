using System.Globalization;
using System.Text.Json.Nodes;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// The tagged JSON form of a MessagePack value that the interop script reads and prints:
/// {"$bin": hex}, {"$int": decimal} beyond ±(2^53 − 1), {"$float": "NaN" | "Infinity" | "-Infinity" | "-0"}
/// and {"$ts": {"sec", "nsec"}}; everything else is plain JSON.
/// </summary>
internal static class MessagePackTagged
{
    private const long MaxSafeInteger = (1L << 53) - 1;

    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        bool flag => JsonValue.Create(flag),
        string text => JsonValue.Create(text),
        int integer => Integer(integer),
        long integer => Integer(integer),
        ulong integer => integer <= MaxSafeInteger ? JsonValue.Create(integer) : Tag("$int", integer.ToString(CultureInfo.InvariantCulture)),
        double real => Float(real),
        float real => Float(real),
        byte[] bytes => Tag("$bin", Convert.ToHexStringLower(bytes)),
        DateTimeOffset time => Timestamp(time),
        IEnumerable<KeyValuePair<string, object?>> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, From(p.Value)))),
        IEnumerable<object?> list => new JsonArray(list.Select(From).ToArray()),
        _ => throw new ArgumentException($"No tagged form for {value.GetType()}.", nameof(value)),
    };

    private static JsonNode Integer(long value) =>
        value is >= -MaxSafeInteger and <= MaxSafeInteger ? JsonValue.Create(value) : Tag("$int", value.ToString(CultureInfo.InvariantCulture));

    private static JsonNode Float(double value) => value switch
    {
        double.NaN => Tag("$float", "NaN"),
        double.PositiveInfinity => Tag("$float", "Infinity"),
        double.NegativeInfinity => Tag("$float", "-Infinity"),
        0 when double.IsNegative(value) => Tag("$float", "-0"),
        _ => JsonValue.Create(value),
    };

    private static JsonObject Timestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new JsonObject { ["$ts"] = new JsonObject { ["sec"] = Integer(seconds), ["nsec"] = remainder * 100 } };
    }

    private static JsonObject Tag(string tag, string value) => new() { [tag] = value };
}
