using Tiled.Domain.Common;

namespace Tiled.Domain.Tables;

/// <summary>
/// Uploaded table data whose columns (names or types) differ from the table's (HTTP 400). The
/// message names the difference. Error code <c>schema-mismatch</c>.
/// </summary>
public sealed class SchemaMismatchException(string message) : DomainException(Code, message)
{
    /// <summary>The stable error code carried by every instance.</summary>
    public const string Code = "schema-mismatch";
}
