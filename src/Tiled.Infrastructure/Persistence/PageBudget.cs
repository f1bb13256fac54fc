using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The byte budget of one page of children (<c>max_page_bytes</c>), counted as the length of each
/// row's JSON columns (metadata, specs, data source structures, parameters and properties). The page
/// is full once it holds the budget; the row that reaches it is kept, so a page has at least one.
/// </summary>
internal sealed class PageBudget(long maxBytes)
{
    private long _bytes;

    /// <summary>True once the rows added hold the budget.</summary>
    public bool IsFull => _bytes >= maxBytes;

    /// <summary>Counts <paramref name="row"/> into the page and returns its size.</summary>
    public long Add(NodeRow row)
    {
        var bytes = row.Metadata.Length + row.Specs.Length
            + row.DataSources.Sum(d => (long)(d.Structure?.Length ?? 0) + d.Parameters.Length + d.Properties.Length);
        _bytes += bytes;
        return bytes;
    }
}
