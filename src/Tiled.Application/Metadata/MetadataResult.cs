using System.Text.Json.Nodes;

namespace Tiled.Application.Metadata;

/// <summary>The node's key and its metadata after the change.</summary>
public sealed record MetadataResult(string Id, JsonObject Metadata);
