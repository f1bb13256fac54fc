namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>One data source of a node; deleted with its node.</summary>
internal sealed class DataSourceRow
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public NodeRow Node { get; set; } = null!;

    public string StructureFamily { get; set; } = "";

    /// <summary>JSON object text, or null.</summary>
    public string? Structure { get; set; }

    public string Mimetype { get; set; } = "";

    public string Parameters { get; set; } = "{}";

    public string Properties { get; set; } = "{}";

    public string Management { get; set; } = "";

    public List<AssetRow> Assets { get; set; } = [];
}
