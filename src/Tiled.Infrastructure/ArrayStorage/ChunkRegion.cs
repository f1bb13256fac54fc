namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// The overlap of a box with one chunk: the chunk's grid index, where the overlap starts inside the
/// chunk and inside the box, and its length per dimension.
/// </summary>
internal sealed record ChunkRegion(long[] ChunkIndex, long[] ChunkOffset, long[] BoxOffset, long[] Count);
