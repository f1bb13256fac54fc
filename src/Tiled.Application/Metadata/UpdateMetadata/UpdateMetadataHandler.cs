using System.Text.Json.Nodes;
using MediatR;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Nodes;
using Tiled.Domain.Metadata;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Metadata.UpdateMetadata;

internal sealed class UpdateMetadataHandler(MetadataWriter writer)
    : IRequestHandler<UpdateMetadataCommand, MetadataResult>
{
    public async Task<MetadataResult> Handle(UpdateMetadataCommand request, CancellationToken cancellationToken)
    {
        Func<JsonNode?, JsonNode?, JsonNode?> apply = request.ContentType switch
        {
            UpdateMetadataCommand.JsonPatch => JsonPatch.Apply,
            UpdateMetadataCommand.MergePatch => JsonMergePatch.Apply,
            _ => throw new NotAcceptablePatchException(request.ContentType),
        };
        return await writer.UpdateAsync(request.Path, node => (Metadata(node, request, apply), Specs(node, request)),
            request.DropRevision, cancellationToken);
    }

    private static JsonObject Metadata(Node node, UpdateMetadataCommand request, Func<JsonNode?, JsonNode?, JsonNode?> apply) =>
        request.MetadataPatch is null ? node.Metadata
            : apply(node.Metadata, request.MetadataPatch) as JsonObject
              ?? throw new InvalidPatchDocumentException("The patched metadata must be a JSON object.");

    private static IReadOnlyList<Spec> Specs(Node node, UpdateMetadataCommand request) =>
        request.SpecsPatch is null ? node.Specs
            : SpecParsing.FromJson(request.ContentType == UpdateMetadataCommand.JsonPatch
                ? JsonPatch.Apply(SpecJson.ToJson(node.Specs), request.SpecsPatch)
                : request.SpecsPatch);
}
