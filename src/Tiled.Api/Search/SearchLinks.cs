using Microsoft.AspNetCore.Http;

namespace Tiled.Api.Search;

/// <summary>
/// The <c>links</c> of a search page. They repeat the request's filters, sort and field selection,
/// so a client that just follows <c>links.next</c> keeps its search.
/// </summary>
internal static class SearchLinks
{
    private static readonly string[] PageParameters = ["page[offset]", "page[limit]", "page[cursor]", "api_key"];

    /// <summary><paramref name="searchBase"/> with the request's own parameters (except paging) and then <paramref name="page"/>.</summary>
    public static string With(string searchBase, HttpRequest request, string page)
    {
        var kept = request.Query
            .Where(p => !PageParameters.Contains(p.Key, StringComparer.Ordinal))
            .SelectMany(p => p.Value.Select(v => $"{Escape(p.Key)}={Uri.EscapeDataString(v ?? "")}"));
        return $"{searchBase}?{string.Join('&', kept.Append(page))}";
    }

    // Brackets stay readable, as in Tiled's own links (page[offset]=...).
    private static string Escape(string name) =>
        Uri.EscapeDataString(name).Replace("%5B", "[", StringComparison.Ordinal).Replace("%5D", "]", StringComparison.Ordinal);
}
