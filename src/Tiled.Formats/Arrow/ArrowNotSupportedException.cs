namespace Tiled.Formats.Arrow;

/// <summary>
/// Thrown when Arrow input is well-formed but uses something this codec does not handle: a nested,
/// dictionary-encoded, decimal or other unsupported column type, compressed bodies, big-endian
/// data, metadata older than V4, or more rows than fit an <see cref="int"/>. It means "unsupported
/// media" (HTTP 415). The message names the column or feature.
/// </summary>
public sealed class ArrowNotSupportedException : Exception
{
    public ArrowNotSupportedException()
    {
    }

    public ArrowNotSupportedException(string message)
        : base(message)
    {
    }

    public ArrowNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
