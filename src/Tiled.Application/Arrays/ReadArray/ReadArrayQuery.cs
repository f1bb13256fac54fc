using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Arrays.ReadArray;

/// <summary>
/// Reads an array, or one chunk of it (<paramref name="Block"/>), optionally sliced with numpy
/// syntax. <paramref name="ExpectedShape"/>, when given, must equal the result's shape.
/// </summary>
public sealed record ReadArrayQuery(NodePath Path, long[]? Block, string? Slice, long[]? ExpectedShape) : IRequest<ArrayData>
{
    /// <summary>Tiled's <c>response_bytesize_limit</c>.</summary>
    public const long MaxResponseBytes = 300_000_000;

    /// <summary>The caller sends raw bytes: the result may be a stored file (<see cref="ArrayData.File"/>).</summary>
    public bool AllowFile { get; init; }
}
