namespace Tiled.Application.Streaming.CloseStream;

/// <summary>The sequence number the end-of-stream marker took.</summary>
public sealed record CloseStreamResult(long Sequence);
