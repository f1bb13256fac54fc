using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// The catalog database did not answer, or answered that it cannot work now (stopped, unreachable,
/// too slow for the configured timeout, out of space): 503 with <c>Retry-After</c>. Transactions
/// that failed this way were rolled back, so retrying the request is safe.
/// </summary>
public sealed class CatalogUnavailableException(string reason, Exception? inner = null)
    : DomainException(ErrorCodeName, $"The catalog database is unavailable ({reason}); the request changed nothing. Retry shortly.")
{
    public const string ErrorCodeName = "catalog-unavailable";

    public Exception? Cause { get; } = inner;
}
