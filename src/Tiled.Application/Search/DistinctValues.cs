using System.Text.Json.Nodes;

namespace Tiled.Application.Search;

/// <summary>One distinct value and how many children have it (null when counts were not asked for).</summary>
public sealed record DistinctValue(JsonNode? Value, long? Count);

/// <summary>
/// The distinct values found; each list null when not asked for. Values come most frequent first,
/// ties in the order of their JSON text.
/// </summary>
public sealed record DistinctValues(
    IReadOnlyDictionary<string, IReadOnlyList<DistinctValue>>? Metadata,
    IReadOnlyList<DistinctValue>? StructureFamilies,
    IReadOnlyList<DistinctValue>? Specs);
