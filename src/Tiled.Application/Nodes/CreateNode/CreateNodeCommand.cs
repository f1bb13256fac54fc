using System.Text.Json.Nodes;
using MediatR;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.CreateNode;

/// <summary>
/// Creates a child of <paramref name="Parent"/> (key generated when null). Arrays carry exactly one
/// writable data source whose storage the server creates; an empty <c>Mimetype</c> means the default.
/// </summary>
public sealed record CreateNodeCommand(
    NodePath Parent,
    string? Key,
    StructureFamily Family,
    JsonObject Metadata,
    IReadOnlyList<Spec> Specs,
    IReadOnlyList<DataSource> DataSources) : IRequest<Node>;
