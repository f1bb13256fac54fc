using System.Text.Json.Nodes;

namespace Tiled.Client.Queries;

/// <summary>One distinct value and, when counts were asked for, how many children have it.</summary>
public sealed record DistinctValue(JsonNode? Value, long? Count);

/// <summary>What <c>ContainerClient.DistinctAsync</c> found; each part null when not asked for.</summary>
public sealed record DistinctValues(
    IReadOnlyDictionary<string, IReadOnlyList<DistinctValue>>? Metadata,
    IReadOnlyList<DistinctValue>? StructureFamilies,
    IReadOnlyList<DistinctValue>? Specs)
{
    internal static DistinctValues FromJson(JsonNode? document) => new(
        document?["metadata"] is JsonObject metadata
            ? metadata.ToDictionary(p => p.Key, p => List(p.Value), StringComparer.Ordinal)
            : null,
        document?["structure_families"] is JsonArray families ? List(families) : null,
        document?["specs"] is JsonArray specs ? List(specs) : null);

    private static IReadOnlyList<DistinctValue> List(JsonNode? entries) =>
        (entries as JsonArray ?? []).Select(e => new DistinctValue(e?["value"]?.DeepClone(), e?["count"]?.GetValue<long>())).ToList();
}
