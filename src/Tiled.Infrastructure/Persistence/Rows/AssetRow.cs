namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>
/// One asset of a data source. Unlike Tiled, assets are owned by their data source (no shared
/// asset table): deleting a node removes its assets by cascade, and no orphans are left.
/// </summary>
internal sealed class AssetRow
{
    public long Id { get; set; }

    public long DataSourceId { get; set; }

    public DataSourceRow DataSource { get; set; } = null!;

    public string DataUri { get; set; } = "";

    public bool IsDirectory { get; set; }

    public string? Parameter { get; set; }

    public int? Num { get; set; }

    public long? Size { get; set; }
}
