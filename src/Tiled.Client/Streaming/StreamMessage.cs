using System.Globalization;
using Tiled.Formats.MessagePack;

namespace Tiled.Client.Streaming;

/// <summary>One decoded msgpack envelope (a string-keyed map) with typed field access.</summary>
internal sealed class StreamMessage(Dictionary<string, object?> fields)
{
    public static StreamMessage Decode(ReadOnlyMemory<byte> frame) =>
        new(MessagePackValue.Decode(frame) as Dictionary<string, object?>
            ?? throw new InvalidDataException("A stream message must be a msgpack map."));

    public string Type => Text("type") ?? "";

    public bool Has(string key) => fields.ContainsKey(key);

    public object? this[string key] => fields.GetValueOrDefault(key);

    public string? Text(string key) => fields.GetValueOrDefault(key) as string;

    public long Long(string key) => fields.GetValueOrDefault(key) switch
    {
        long l => l,
        ulong u => (long)u,
        double d => (long)d,
        _ => 0,
    };

    public long[]? Longs(string key) => fields.GetValueOrDefault(key) is List<object?> list
        ? list.Select(v => v is long l ? l : Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray()
        : null;

    public DateTimeOffset Timestamp => fields.GetValueOrDefault("timestamp") switch
    {
        DateTimeOffset t => t,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t) => t,
        _ => DateTimeOffset.MinValue,
    };

    public ReadOnlyMemory<byte> Bytes(string key) => fields.GetValueOrDefault(key) as byte[] ?? [];

    public Dictionary<string, object?>? Map(string key) => fields.GetValueOrDefault(key) as Dictionary<string, object?>;
}
