namespace Tiled.Application.Abstractions;

/// <summary>One retained stream entry: its number, message JSON (without sequence and payload) and payload bytes.</summary>
public sealed record StreamEntry(long Sequence, ReadOnlyMemory<byte> MetadataJson, ReadOnlyMemory<byte> Payload);
