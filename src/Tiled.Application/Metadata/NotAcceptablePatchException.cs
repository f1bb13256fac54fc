using Tiled.Domain.Common;

namespace Tiled.Application.Metadata;

/// <summary>A metadata patch in a content type other than JSON Patch or merge patch (Tiled answers 406).</summary>
public sealed class NotAcceptablePatchException(string contentType) : DomainException("not-acceptable",
    $"valid content types: application/json-patch+json, application/merge-patch+json (got '{contentType}')");
