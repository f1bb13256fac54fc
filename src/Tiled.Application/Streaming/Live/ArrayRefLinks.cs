using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Adds the <c>uri</c> of the changed region to <c>array-ref</c> updates as they are sent (protocol
/// §9.5): <c>{http|https}://{host}/api/v1/array/full/{path}?slice=o:o+s,...</c> from the patch, or
/// <c>:n,...</c> from the new shape. It is not stored, because the host depends on the subscriber.
/// </summary>
public sealed class ArrayRefLinks(string baseUrl)
{
    /// <summary>The array's URL without the slice; links are the same for subscribers whose base is the same.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>The entry with <c>uri</c> added when it is an <c>array-ref</c>; any other entry unchanged.</summary>
    public StreamEntry Augment(StreamEntry entry)
    {
        if (entry.MetadataJson.Span.IndexOf("\"array-ref\""u8) < 0
            || JsonNode.Parse(entry.MetadataJson.Span) is not JsonObject message
            || message["type"]?.GetValue<string>() != StreamMessageTypes.ArrayRef)
        {
            return entry;
        }

        message["uri"] = $"{BaseUrl}?slice={Slice(message)}";
        return entry with { MetadataJson = System.Text.Encoding.UTF8.GetBytes(message.ToJsonString()) };
    }

    private static long Long(JsonNode? node) => node?.GetValue<long>() ?? 0;

    private static string Slice(JsonObject message)
    {
        if (message["patch"] is JsonObject patch && patch["offset"] is JsonArray offset && patch["shape"] is JsonArray shape)
        {
            return string.Join(',', offset.Zip(shape, (o, s) => $"{Long(o)}:{Long(o) + Long(s)}"));
        }

        return string.Join(',', (message["shape"] as JsonArray ?? []).Select(n => $":{Long(n)}"));
    }
}
