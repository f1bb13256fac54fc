using Tiled.Application.Common.Errors;

namespace Tiled.Api.Errors;

/// <summary>HTTP status of each stable error code, mirroring what Tiled's server answers for the same case.</summary>
internal static class ProblemTypes
{
    private static readonly Dictionary<string, int> Statuses = new(StringComparer.Ordinal)
    {
        ["not-found"] = 404,
        ["conflict"] = 409,
        ["block-does-not-fit"] = 409,
        ["would-delete-data"] = 409,
        ["structure-family-mismatch"] = 405,
        ["unsupported-media-type"] = 415,
        ["not-acceptable"] = 406,
        ["unsafe-identifier"] = 422,
        ["invalid-structure"] = 422,
        ["partition-out-of-range"] = 400,
        ["schema-mismatch"] = 400,
        ["invalid-table-data"] = 400,
        ["forbidden-path"] = 403,
        ["forbidden"] = 403,
        ["stream-cache-unavailable"] = 503,
        ["array-data-changing"] = 503,
        [CatalogUnavailableException.ErrorCodeName] = 503,
        [LimitExceededException.TooLarge] = 413,
        [LimitExceededException.Exceeded] = 422,
    };

    /// <summary>The status for <paramref name="errorCode"/>; every other expected failure is a 400.</summary>
    public static int StatusOf(string errorCode) => Statuses.GetValueOrDefault(errorCode, 400);
}
