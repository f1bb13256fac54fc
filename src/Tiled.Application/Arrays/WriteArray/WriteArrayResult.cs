namespace Tiled.Application.Arrays.WriteArray;

/// <summary>The sequence number under which the write was streamed.</summary>
public sealed record WriteArrayResult(long Sequence);
