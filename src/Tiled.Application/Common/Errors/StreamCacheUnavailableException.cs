using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// The stream cache cannot take an update (503 with <c>Retry-After</c>). Thrown before anything is
/// stored when the cache is known to be down; after storing only when announcing failed for the
/// whole retry window, and then the detail says that the data was stored.
/// </summary>
public sealed class StreamCacheUnavailableException(string message) : DomainException(ErrorCodeName, message)
{
    public const string ErrorCodeName = "stream-cache-unavailable";
}
