namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>One stored node. The root is virtual and never stored; its children have an empty <see cref="ParentPath"/>.</summary>
internal sealed class NodeRow
{
    public long Id { get; set; }

    /// <summary>Segments joined with '/', no leading slash; unique.</summary>
    public string Path { get; set; } = "";

    public string ParentPath { get; set; } = "";

    public string Key { get; set; } = "";

    public string StructureFamily { get; set; } = "";

    /// <summary>JSON object text.</summary>
    public string Metadata { get; set; } = "{}";

    /// <summary>JSON array of <c>{"name", "version"}</c>.</summary>
    public string Specs { get; set; } = "[]";

    public DateTimeOffset TimeCreated { get; set; }

    public DateTimeOffset TimeUpdated { get; set; }

    /// <summary>
    /// Raised by every change to the node or its data sources, in the same transaction, so that a
    /// process's node cache can tell with one indexed read whether its copy is current.
    /// </summary>
    public long Version { get; set; }

    public List<DataSourceRow> DataSources { get; set; } = [];

    public List<RevisionRow> Revisions { get; set; } = [];
}
