using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A <c>slice</c> is malformed, has more items than the array has dimensions, indexes out of range or uses a zero step (HTTP 400).
/// Error code <c>invalid-slice</c>; the message is a readable sentence for the client.
/// </summary>
public sealed class InvalidSliceException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "invalid-slice";
}
