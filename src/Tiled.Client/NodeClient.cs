using System.Text.Json.Nodes;

namespace Tiled.Client;

/// <summary>What every node client has: its path, family, metadata, specs and links.</summary>
public abstract class NodeClient
{
    private protected NodeClient(TiledContext context, JsonObject item)
    {
        Context = context;
        Item = item;
    }

    public TiledContext Context { get; }

    /// <summary>The node's key (empty for the root).</summary>
    public string Key => Item["id"]?.GetValue<string>() ?? "";

    /// <summary>Path segments from the root, including <see cref="Key"/>.</summary>
    public IReadOnlyList<string> Path =>
        [.. (Item["attributes"]?["ancestors"] as JsonArray ?? []).Select(a => a?.GetValue<string>() ?? "").Where(a => a.Length > 0),
         .. Key.Length > 0 ? new[] { Key } : []];

    public string StructureFamily => Item["attributes"]?["structure_family"]?.GetValue<string>() ?? "";

    public JsonObject Metadata => Item["attributes"]?["metadata"] as JsonObject ?? [];

    public string SelfLink => Item["links"]?["self"]?.GetValue<string>() ?? $"{Context.ApiBase}/metadata/{string.Join('/', Path)}";

    private protected JsonObject Item { get; set; }

    /// <summary>Merges a metadata patch (RFC 7386) into the node's metadata and returns the result.</summary>
    public async Task<JsonObject> UpdateMetadataAsync(JsonObject patch, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["content-type"] = "application/merge-patch+json",
            ["metadata"] = patch.DeepClone(),
            ["specs"] = null,
            ["access_blob"] = null,
        };
        var result = await Context.SendJsonAsync(HttpMethod.Patch, SelfLink, body, ct);
        var metadata = result?["metadata"] as JsonObject ?? [];
        if (Item["attributes"] is JsonObject attributes)
        {
            attributes["metadata"] = metadata.DeepClone();
        }

        return metadata;
    }

    /// <summary>Deletes this node (and, with <paramref name="recursive"/>, its contents), including stored data.</summary>
    public Task DeleteAsync(bool recursive = false, CancellationToken ct = default) =>
        Context.SendJsonAsync(HttpMethod.Delete, $"{SelfLink}?recursive={Lower(recursive)}&external_only=false", null, ct);

    /// <summary>Ends this node's stream: subscribers are closed once they have received everything before it.</summary>
    public Task CloseStreamAsync(CancellationToken ct = default) =>
        Context.SendJsonAsync(HttpMethod.Delete, SelfLink.Replace("/metadata/", "/stream/close/", StringComparison.Ordinal), null, ct);

    internal static NodeClient FromItem(TiledContext context, JsonObject item) =>
        item["attributes"]?["structure_family"]?.GetValue<string>() switch
        {
            "container" => new ContainerClient(context, item),
            "array" => new ArrayClient(context, item),
            "table" => new TableClient(context, item),
            var other => throw new NotSupportedException($"Structure family '{other}' is not supported by this client."),
        };

    private protected static string Lower(bool value) => value ? "true" : "false";
}
