using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Domain.DataSources;

/// <summary>
/// Where and how a node's data is stored. <see cref="Structure"/> is kept as Tiled's structure
/// JSON (array, table, ...); <see cref="Id"/> is null until the catalog stores it.
/// </summary>
public sealed record DataSource(
    long? Id,
    StructureFamily StructureFamily,
    JsonObject? Structure,
    string Mimetype,
    JsonObject Parameters,
    JsonObject Properties,
    Management Management,
    IReadOnlyList<Asset> Assets);
