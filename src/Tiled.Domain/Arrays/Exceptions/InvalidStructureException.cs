using Tiled.Domain.Common;

namespace Tiled.Domain.Arrays;

/// <summary>
/// An array structure is inconsistent: negative sizes, ranks of shape, chunks and dims that differ, chunks that do not sum to the shape, or a non-positive item size (HTTP 422).
/// Error code <c>invalid-structure</c>; the message is a readable sentence for the client.
/// </summary>
public sealed class InvalidStructureException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "invalid-structure";
}
