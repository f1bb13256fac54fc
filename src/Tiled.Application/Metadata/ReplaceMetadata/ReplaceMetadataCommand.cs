using System.Text.Json.Nodes;
using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata.ReplaceMetadata;

/// <summary>Replaces metadata and/or specs; null keeps the current value.</summary>
public sealed record ReplaceMetadataCommand(NodePath Path, JsonObject? Metadata, IReadOnlyList<Spec>? Specs, bool DropRevision)
    : IRequest<MetadataResult>;
