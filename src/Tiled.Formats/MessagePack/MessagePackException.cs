namespace Tiled.Formats.MessagePack;

/// <summary>
/// Thrown by <see cref="MessagePackValue"/> when MessagePack input is truncated, malformed, nested too
/// deeply, or holds a value it does not support. The message names the byte offset where reading
/// failed; the library's own exception (<see cref="EndOfStreamException"/>,
/// <c>MessagePackSerializationException</c>, ...) is the inner exception.
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
