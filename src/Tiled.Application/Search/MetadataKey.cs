namespace Tiled.Application.Search;

/// <summary>
/// A dotted path into a node's metadata (<c>sample.name</c> is <c>metadata["sample"]["name"]</c>),
/// as Tiled's queries and sort keys name it. Segments are non-empty and hold no double quote
/// (SQLite's JSON paths cannot escape one).
/// </summary>
public sealed record MetadataKey
{
    private MetadataKey(string dotted, IReadOnlyList<string> segments)
    {
        Dotted = dotted;
        Segments = segments;
    }

    public string Dotted { get; }

    public IReadOnlyList<string> Segments { get; }

    /// <summary>Null when <paramref name="dotted"/> is not a usable path.</summary>
    public static MetadataKey? TryParse(string? dotted)
    {
        if (string.IsNullOrEmpty(dotted))
        {
            return null;
        }

        var segments = dotted.Split('.');
        return segments.Any(s => s.Length == 0 || s.Contains('"', StringComparison.Ordinal)) ? null : new MetadataKey(dotted, segments);
    }

    public override string ToString() => Dotted;
}
