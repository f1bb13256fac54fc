using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>The request body's media type (or a data source's mimetype) is not one we handle (415).</summary>
public sealed class UnsupportedMediaTypeException(string message) : DomainException("unsupported-media-type", message);
