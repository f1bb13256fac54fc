namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>The single row saying which version of the catalog schema the database holds.</summary>
internal sealed class SchemaVersionRow
{
    public int Version { get; set; }
}
