using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A patch <c>offset</c>/<c>shape</c> does not match the array's rank or contains negative values (HTTP 400).
/// Error code <c>invalid-patch</c>; the message is a readable sentence for the client.
/// </summary>
public sealed class InvalidPatchException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "invalid-patch";
}
