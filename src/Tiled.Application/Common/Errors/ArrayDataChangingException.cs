using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// Registered files disagree with the catalog's structure while they were changed moments ago
/// (e.g. a detector still writing): 503 with <c>Retry-After</c>, as Tiled 0.2.18 answers, so
/// clients try again instead of giving up on a short-lived mismatch.
/// </summary>
public sealed class ArrayDataChangingException(string message) : DomainException(ErrorCodeName, message)
{
    public const string ErrorCodeName = "array-data-changing";

    /// <summary>How recent a change to the files must be for a mismatch to count as short-lived.</summary>
    public static readonly TimeSpan RecentChange = TimeSpan.FromSeconds(5);
}
