using Tiled.Domain.Common;

namespace Tiled.Application.Abstractions;

/// <summary>
/// Externally managed data could not be read. <see cref="DomainException.ErrorCode"/> is one of
/// <see cref="UnsupportedMediaType"/> (415), <see cref="InvalidExternalData"/> (400) or
/// <see cref="ForbiddenPath"/> (403).
/// </summary>
public sealed class ExternalDataException(string code, string message) : DomainException(code, message)
{
    /// <summary>A mimetype, compression, sample format or layout that no reader handles (415).</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>A bad URI, a missing, corrupt or truncated file, or parameters inconsistent with the file (400).</summary>
    public const string InvalidExternalData = "invalid-external-data";

    /// <summary>A path outside the directories the server may read (403).</summary>
    public const string ForbiddenPath = "forbidden-path";

    public static ExternalDataException Unsupported(string message) => new(UnsupportedMediaType, message);

    public static ExternalDataException Invalid(string message) => new(InvalidExternalData, message);

    public static ExternalDataException Forbidden(string message) => new(ForbiddenPath, message);
}
