using System.Text.Json.Nodes;
using Tiled.Domain.DataSources;

namespace Tiled.Domain.Nodes;

/// <summary>
/// A catalog entry. <see cref="Id"/> is the catalog's integer id (0 for the root, which always
/// exists and is a container); streams are keyed by it.
/// </summary>
public sealed record Node(
    long Id,
    NodePath Path,
    StructureFamily StructureFamily,
    JsonObject Metadata,
    IReadOnlyList<Spec> Specs,
    IReadOnlyList<DataSource> DataSources,
    DateTimeOffset TimeCreated,
    DateTimeOffset TimeUpdated)
{
    public const long RootId = 0;

    private JsonObject? _metadata = Metadata;

    /// <summary>
    /// The metadata as the catalog stores it (a JSON object as text) when the node was read without
    /// parsing it (search pages, ADR 0027); <see cref="Metadata"/> parses it on first use.
    /// </summary>
    public string? StoredMetadata { get; private init; }

    public JsonObject Metadata
    {
        get => _metadata ?? Parse();
        init
        {
            _metadata = value;
            StoredMetadata = null;
        }
    }

    public static Node CreateRoot(DateTimeOffset now) =>
        new(RootId, NodePath.Root, StructureFamily.Container, [], [], [], now, now);

    /// <summary>A node whose metadata is parsed from <paramref name="storedMetadata"/> only when asked for.</summary>
    public static Node WithStoredMetadata(long id, NodePath path, StructureFamily family, string storedMetadata, IReadOnlyList<Spec> specs,
        IReadOnlyList<DataSource> dataSources, DateTimeOffset timeCreated, DateTimeOffset timeUpdated) =>
        new(id, path, family, null!, specs, dataSources, timeCreated, timeUpdated) { StoredMetadata = storedMetadata };

    private JsonObject Parse()
    {
        var parsed = JsonNode.Parse(StoredMetadata!) as JsonObject
            ?? throw new InvalidOperationException("The catalog holds metadata that is not a JSON object.");
        return Interlocked.CompareExchange(ref _metadata, parsed, null) ?? parsed;
    }
}
