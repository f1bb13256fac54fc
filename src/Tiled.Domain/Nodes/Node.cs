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

    public static Node CreateRoot(DateTimeOffset now) =>
        new(RootId, NodePath.Root, StructureFamily.Container, [], [], [], now, now);
}
