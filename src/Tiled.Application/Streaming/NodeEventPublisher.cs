using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Domain.Common;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming;

/// <summary>
/// Turns what a use case did into stream entries with Tiled's message fields (protocol §9.5) and
/// appends them to the node's stream. Called only after the change is persisted, under the node's
/// write lock. A write first calls <see cref="RequireAvailable"/>, so while the cache is down it is
/// refused before storing anything; if the cache fails between storing and announcing, the client
/// is told (ADR 0008).
/// </summary>
public sealed class NodeEventPublisher(IStreamCache cache, TimeProvider clock, StreamPayloadOptions payloads)
{
    /// <summary>Refuses a write (503, nothing stored) while the stream cache is known to be down.</summary>
    public void RequireAvailable()
    {
        if (!cache.IsAvailable)
        {
            throw new StreamCacheUnavailableException(
                "The stream cache is unavailable, so subscribers could not be told of this change: nothing was stored. Retry shortly.");
        }
    }

    public Task<long> ChildCreatedAsync(long parentId, Node child, CancellationToken ct) =>
        AppendAsync(parentId, w =>
        {
            w.WriteString("type", StreamMessageTypes.ContainerChildCreated);
            WriteTimestamp(w);
            w.WriteString("key", child.Path.Key);
            w.WriteString("structure_family", child.StructureFamily.ToWire());
            WriteNode(w, "specs", SpecJson.ToJson(child.Specs));
            WriteNode(w, "metadata", child.Metadata);
            // Tiled lists the data sources as submitted (no server-made storage assets).
            WriteNode(w, "data_sources", DataSourceJson.ToJson(child.DataSources, includeAssets: false));
            w.WriteStartObject("access_blob");
            w.WriteEndObject();
        }, StreamPayload.Empty, ct);

    public Task<long> ChildMetadataUpdatedAsync(long parentId, Node child, long? revision, CancellationToken ct) =>
        AppendAsync(parentId, w =>
        {
            w.WriteString("type", StreamMessageTypes.ContainerChildMetadataUpdated);
            WriteMetadataChange(w, child, revision);
        }, StreamPayload.Empty, ct);

    /// <summary>
    /// <c>array-data</c> with the payload, or, for a persisted write (<paramref name="stored"/>) larger
    /// than the inline limit, an <c>array-ref</c> to the stored region that carries the array-data
    /// fields under <see cref="StreamMessageKeys.ArrayDataByReference"/> and no payload.
    /// </summary>
    public Task<long> ArrayDataAsync(long nodeId, string mimetype, long[] shape, long[]? offset, long[]? block,
        StreamPayload payload, StoredRegion? stored, CancellationToken ct)
    {
        void WriteDataFields(Utf8JsonWriter w)
        {
            w.WriteString("mimetype", mimetype);
            WriteLongs(w, "shape", shape);
            WriteLongs(w, "offset", offset);
            WriteLongs(w, "block", block);
        }

        if (stored is not null && payloads.SendsByReference(payload.Length))
        {
            return AppendAsync(nodeId, w =>
            {
                // Our storage's own asset is not listed: Tiled's parser drops assets without `num`, as it has.
                WriteArrayRef(w, stored.Source, includeAssets: false, stored.ArrayShape, stored.Offset, stored.Shape);
                w.WriteStartObject(StreamMessageKeys.ArrayDataByReference);
                WriteDataFields(w);
                w.WriteNumber("bytes", payload.Length);
                w.WriteEndObject();
            }, StreamPayload.Empty, ct);
        }

        return AppendAsync(nodeId, w =>
        {
            w.WriteString("type", StreamMessageTypes.ArrayData);
            WriteTimestamp(w);
            WriteDataFields(w);
        }, payload, ct);
    }

    /// <summary>
    /// <c>table-data</c>: <paramref name="partition"/> is null for a whole-table write; the payload is
    /// the request body as it came (Arrow IPC in <paramref name="mimetype"/>).
    /// </summary>
    public Task<long> TableDataAsync(long nodeId, string mimetype, int? partition, bool append,
        StreamPayload payload, CancellationToken ct) =>
        AppendAsync(nodeId, w =>
        {
            w.WriteString("type", StreamMessageTypes.TableData);
            WriteTimestamp(w);
            w.WriteString("mimetype", mimetype);
            if (partition is { } index)
            {
                w.WriteNumber("partition", index);
            }
            else
            {
                w.WriteNull("partition");
            }

            w.WriteBoolean("append", append);
        }, payload, ct);

    /// <summary>
    /// Announces that a node's data source changed (Tiled's <c>array-ref</c>). Subscribers fetch the
    /// data over HTTP; the WebSocket adds the <c>uri</c> of the patched region when sending.
    /// </summary>
    public Task<long> ArrayRefAsync(long nodeId, DataSource source, long[] shape, long[]? patchOffset, long[]? patchShape,
        CancellationToken ct) =>
        AppendAsync(nodeId, w => WriteArrayRef(w, source, includeAssets: true, shape, patchOffset, patchShape), StreamPayload.Empty, ct);

    /// <summary>
    /// <c>container-child-deleted</c> (ours) on the parent's stream; the child's own stream ends with
    /// <see cref="NodeDeletedAsync"/>.
    /// </summary>
    public Task<long> ChildDeletedAsync(long parentId, string key, CancellationToken ct) =>
        AppendAsync(parentId, w =>
        {
            w.WriteString("type", StreamMessageTypes.ContainerChildDeleted);
            WriteTimestamp(w);
            w.WriteString("key", key);
        }, StreamPayload.Empty, ct);

    /// <summary><c>metadata-updated</c> (ours) on the node's own stream, besides the parent's <c>container-child-metadata-updated</c>.</summary>
    public Task<long> MetadataUpdatedAsync(Node node, long? revision, CancellationToken ct) =>
        AppendAsync(node.Id, w =>
        {
            w.WriteString("type", StreamMessageTypes.MetadataUpdated);
            WriteMetadataChange(w, node, revision);
        }, StreamPayload.Empty, ct);

    public Task<long> CloseAsync(long nodeId, CancellationToken ct) => EndAsync(nodeId, nodeDeleted: false, ct);

    /// <summary>Ends a deleted node's stream, so its subscribers on every server are closed with the reason.</summary>
    public Task<long> NodeDeletedAsync(long nodeId, CancellationToken ct) => EndAsync(nodeId, nodeDeleted: true, ct);

    private Task<long> EndAsync(long nodeId, bool nodeDeleted, CancellationToken ct)
    {
        var marker = Serialize(w =>
        {
            WriteTimestamp(w);
            w.WriteBoolean("end_of_stream", true);
            if (nodeDeleted)
            {
                w.WriteString("reason", StreamEndReasons.NodeDeleted);
            }
        });
        return AnnounceAsync(() => cache.CloseAsync(nodeId, marker, ct));
    }

    private Task<long> AppendAsync(long nodeId, Action<Utf8JsonWriter> body, StreamPayload payload, CancellationToken ct)
    {
        var metadata = Serialize(body);
        return AnnounceAsync(() => cache.AppendAsync(nodeId, metadata, payload, ct));
    }

    /// <summary>
    /// A failed append is not retried: it may have taken effect (a timeout after Redis ran the
    /// script), and a repeated table append would reach subscribers twice.
    /// </summary>
    private static async Task<long> AnnounceAsync(Func<Task<long>> append)
    {
        try
        {
            return await append();
        }
        catch (Exception e) when (e is not OperationCanceledException and not DomainException)
        {
            throw new StreamCacheUnavailableException(
                "The stream cache failed, so this change may not have been announced to subscribers. Whatever the request " +
                $"stored is kept; repeat it when the cache is back to announce it ({e.GetType().Name}).");
        }
    }

    private static ReadOnlyMemory<byte> Serialize(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The fields both metadata messages carry after their type.</summary>
    private void WriteMetadataChange(Utf8JsonWriter writer, Node node, long? revision)
    {
        WriteTimestamp(writer);
        writer.WriteString("key", node.Path.Key);
        WriteNode(writer, "specs", SpecJson.ToJson(node.Specs));
        WriteNode(writer, "metadata", node.Metadata);
        if (revision is { } number)
        {
            writer.WriteNumber("revision_number", number);
        }
    }

    /// <summary>The fields of Tiled's <c>array-ref</c> (protocol §9.5).</summary>
    private void WriteArrayRef(Utf8JsonWriter w, DataSource source, bool includeAssets, long[] shape, long[]? patchOffset, long[]? patchShape)
    {
        w.WriteString("type", StreamMessageTypes.ArrayRef);
        WriteTimestamp(w);
        WriteNode(w, "data_source", DataSourceJson.ToJson(source, includeAssets));
        if (patchOffset is null || patchShape is null)
        {
            w.WriteNull("patch");
        }
        else
        {
            w.WriteStartObject("patch");
            WriteLongs(w, "offset", patchOffset);
            WriteLongs(w, "shape", patchShape);
            w.WriteEndObject();
        }

        WriteLongs(w, "shape", shape);
    }

    private void WriteTimestamp(Utf8JsonWriter writer) =>
        writer.WriteString("timestamp", clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture));

    private static void WriteNode(Utf8JsonWriter writer, string name, JsonNode node)
    {
        writer.WritePropertyName(name);
        node.WriteTo(writer);
    }

    private static void WriteLongs(Utf8JsonWriter writer, string name, long[]? values)
    {
        if (values is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
