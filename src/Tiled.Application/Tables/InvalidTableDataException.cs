using Tiled.Domain.Common;

namespace Tiled.Application.Tables;

/// <summary>Uploaded table data that is not valid Arrow IPC: truncated or corrupt (HTTP 400). Error code <c>invalid-table-data</c>.</summary>
public sealed class InvalidTableDataException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "invalid-table-data";
}
