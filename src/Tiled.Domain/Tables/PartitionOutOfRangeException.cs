using Tiled.Domain.Common;

namespace Tiled.Domain.Tables;

/// <summary>
/// A partition index outside [0, npartitions) (HTTP 400). The message is Tiled's detail,
/// <c>Partition out of range</c>. Error code <c>partition-out-of-range</c>.
/// </summary>
public sealed class PartitionOutOfRangeException() : DomainException(Code, "Partition out of range")
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "partition-out-of-range";
}
