namespace Tiled.Formats.MessagePack;

/// <summary>
/// Thrown when MessagePack input is truncated, malformed, or holds a value of another type than
/// the one asked for. The message names the byte offset where reading failed. Readers never let an
/// <see cref="IndexOutOfRangeException"/> escape for bad input; they throw this instead.
/// </summary>
public sealed class MessagePackException : Exception
{
    public MessagePackException()
    {
    }

    public MessagePackException(string message)
        : base(message)
    {
    }

    public MessagePackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
