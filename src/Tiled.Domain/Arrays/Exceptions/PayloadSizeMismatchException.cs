using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// A request body's length differs from prod(shape) × itemsize; the message states the expected and received byte counts (HTTP 400).
/// Error code <c>payload-size-mismatch</c>; the message is a readable sentence for the client.
/// </summary>
public sealed class PayloadSizeMismatchException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "payload-size-mismatch";
}
