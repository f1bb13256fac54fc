using System.Buffers;
using System.Text.Json;
using Tiled.Application.Abstractions;
using Tiled.Application.Arrays;
using Tiled.Domain.Common;
using Tiled.Domain.Nodes;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming;

/// <summary>
/// For subscribers that ask for payloads inline: turns an array write sent by reference (see
/// <see cref="StreamPayloadOptions"/>) back into the <c>array-data</c> it stands for, with the
/// region read from storage. Like the reference's <c>uri</c>, that is the region as stored now: a
/// later write to the same region is what a subscriber reading old history gets. When the region
/// cannot be read any more (the node was deleted), the entry stays a reference.
/// </summary>
public sealed class ArrayDataInliner(INodeCatalog catalog, ArrayBoxReader reader)
{
    /// <summary>Whether <paramref name="entry"/> is an array write sent by reference (a cheap byte test first).</summary>
    public static bool IsByReference(StreamEntry entry)
    {
        if (!MayBeByReference(entry))
        {
            return false;
        }

        using var document = JsonDocument.Parse(entry.MetadataJson);
        return Reference.TryRead(document.RootElement, out _);
    }

    /// <summary>The <c>array-data</c> an entry sent by reference stands for; any other entry (or one that cannot be read) as it is.</summary>
    public async Task<StreamEntry> InlineAsync(NodePath path, StreamEntry entry, CancellationToken ct)
    {
        if (!MayBeByReference(entry))
        {
            return entry;
        }

        Reference reference;
        using (var document = JsonDocument.Parse(entry.MetadataJson))
        {
            if (!Reference.TryRead(document.RootElement, out reference))
            {
                return entry;
            }
        }

        ArrayTarget target;
        try
        {
            target = await ArrayTarget.LoadAsync(catalog, path, "array data", ct);
        }
        catch (DomainException)
        {
            return entry;
        }

        if (!reference.FitsIn(target.Structure.Shape))
        {
            return entry;
        }

        var bytes = await reader.ReadAsync(target, reference.Offset, reference.Shape, ct);
        return entry with { MetadataJson = reference.ArrayDataMessage(), Payload = bytes };
    }

    /// <summary>Most entries are told apart without parsing: only a reference carries the key.</summary>
    private static bool MayBeByReference(StreamEntry entry) => entry.MetadataJson.Span.IndexOf("\"array_data\""u8) >= 0;

    /// <summary>What an entry sent by reference says: the stored box and the array-data fields it stands for.</summary>
    private readonly record struct Reference(long[] Offset, long[] Shape, string Timestamp, JsonElement ArrayData)
    {
        public static bool TryRead(JsonElement message, out Reference reference)
        {
            reference = default;
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("type", out var type) || !type.ValueEquals(StreamMessageTypes.ArrayRef)
                || !message.TryGetProperty(StreamMessageKeys.ArrayDataByReference, out var data) || data.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("patch", out var patch) || patch.ValueKind != JsonValueKind.Object
                || Longs(patch, "offset") is not { } offset || Longs(patch, "shape") is not { } shape || offset.Length != shape.Length)
            {
                return false;
            }

            var timestamp = message.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            reference = new Reference(offset, shape, timestamp, data.Clone());
            return true;
        }

        public bool FitsIn(long[] arrayShape) =>
            arrayShape.Length == Offset.Length && Offset.Zip(Shape, arrayShape).All(d => d.First >= 0 && d.Second >= 0 && d.First + d.Second <= d.Third);

        /// <summary>The <c>array-data</c> message: type and timestamp, then the referenced fields as they were written.</summary>
        public ReadOnlyMemory<byte> ArrayDataMessage()
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("type", StreamMessageTypes.ArrayData);
                writer.WriteString("timestamp", Timestamp);
                foreach (var property in ArrayData.EnumerateObject().Where(p => !p.NameEquals("bytes")))
                {
                    property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenMemory;
        }

        private static long[]? Longs(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _))
                ? array.EnumerateArray().Select(e => e.GetInt64()).ToArray()
                : null;
    }
}
