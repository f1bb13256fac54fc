using Tiled.Domain.Common;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Common.Errors;

/// <summary>The node exists but cannot serve this request (Tiled answers 405).</summary>
public sealed class StructureFamilyMismatchException(NodePath path, StructureFamily actual, string expected)
    : DomainException("structure-family-mismatch",
        $"The node /{path} has structure family {actual.ToString().ToLowerInvariant()} and cannot accept {expected} requests.");
