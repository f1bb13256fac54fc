using System.Text.Json.Nodes;
using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata.UpdateMetadata;

/// <summary>
/// Patches metadata and specs with <paramref name="ContentType"/> = <c>application/json-patch+json</c>
/// (RFC 6902 operation lists) or <c>application/merge-patch+json</c> (RFC 7386; specs as a full list).
/// A null patch leaves that part unchanged.
/// </summary>
public sealed record UpdateMetadataCommand(NodePath Path, string ContentType, JsonNode? MetadataPatch, JsonNode? SpecsPatch, bool DropRevision)
    : IRequest<MetadataResult>
{
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
}
