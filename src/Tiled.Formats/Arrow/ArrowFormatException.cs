namespace Tiled.Formats.Arrow;

/// <summary>
/// Thrown when Arrow IPC input is truncated or corrupt: bad magic, a length or offset that points
/// outside the input, an inconsistent buffer, a malformed FlatBuffer. It means "the client sent bad
/// data" (HTTP 400). Readers never let an <see cref="IndexOutOfRangeException"/> or
/// <see cref="NullReferenceException"/> escape for bad input; they throw this, or
/// <see cref="ArrowNotSupportedException"/> for valid Arrow that this codec does not handle.
/// </summary>
public sealed class ArrowFormatException : Exception
{
    public ArrowFormatException()
    {
    }

    public ArrowFormatException(string message)
        : base(message)
    {
    }

    public ArrowFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
