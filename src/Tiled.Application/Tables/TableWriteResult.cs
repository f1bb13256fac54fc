namespace Tiled.Application.Tables;

/// <summary>The partition written and the sequence number under which the write was streamed.</summary>
public sealed record TableWriteResult(int Partition, long Sequence);
