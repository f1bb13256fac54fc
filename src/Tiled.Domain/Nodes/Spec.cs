namespace Tiled.Domain.Nodes;

/// <summary>A named specification a node claims to follow (Tiled's <c>{"name", "version"}</c>).</summary>
public sealed record Spec(string Name, string? Version);
