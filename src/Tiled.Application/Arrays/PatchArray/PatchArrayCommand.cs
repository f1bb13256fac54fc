using MediatR;
using Tiled.Domain.Arrays;
using Tiled.Domain.Nodes;
using Tiled.Application.Abstractions;

namespace Tiled.Application.Arrays.PatchArray;

/// <summary>
/// Writes a region of shape <paramref name="Shape"/> at <paramref name="Offset"/> (zero-padded when
/// shorter than the rank); with <paramref name="Extend"/> the array grows to fit. Returns the
/// resulting structure (unchanged when not persisted).
/// </summary>
public sealed record PatchArrayCommand(
    NodePath Path,
    long[] Offset,
    long[] Shape,
    bool Extend,
    bool Persist,
    string MediaType,
    StreamPayload Payload) : IRequest<ArrayStructure>;
