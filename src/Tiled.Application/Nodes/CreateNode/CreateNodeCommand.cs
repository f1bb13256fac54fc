using System.Text.Json.Nodes;
using MediatR;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Nodes.CreateNode;

/// <summary>
/// Creates a child of <paramref name="Parent"/> (key generated when null). Arrays carry exactly one
/// data source: writable (the server creates its storage; an empty <c>Mimetype</c> means the
/// default) or, when <paramref name="Register"/>, external (registered files, checked on the way in).
/// </summary>
public sealed record CreateNodeCommand(
    NodePath Parent,
    string? Key,
    StructureFamily Family,
    JsonObject Metadata,
    IReadOnlyList<Spec> Specs,
    IReadOnlyList<DataSource> DataSources,
    bool Register = false) : IRequest<Node>;
