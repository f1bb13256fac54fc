using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A <c>block</c> index has the wrong number of items, is malformed or lies outside the chunk grid (HTTP 400).
/// Error code <c>invalid-block</c>; the message is a readable sentence for the client.
/// </summary>
public sealed class InvalidBlockException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "invalid-block";
}
