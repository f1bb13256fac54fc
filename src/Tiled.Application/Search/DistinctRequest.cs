namespace Tiled.Application.Search;

/// <summary>What <c>/distinct</c> reports among a container's children (protocol additions §3.5).</summary>
public sealed record DistinctRequest(IReadOnlyList<MetadataKey> Metadata, bool StructureFamilies, bool Specs, bool Counts);
