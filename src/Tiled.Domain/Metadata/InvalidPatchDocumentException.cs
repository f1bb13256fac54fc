using Tiled.Domain.Common;

namespace Tiled.Domain.Metadata;

/// <summary>A JSON Patch or merge patch that is malformed or cannot be applied (400).</summary>
public sealed class InvalidPatchDocumentException(string message) : DomainException("invalid-patch-document", message);
