namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>
/// The single row naming this catalog: a random id made with its schema, never changed. Anything
/// kept outside the database for the catalog's nodes (stream cache keys) is filed under it, so a
/// new or re-initialised catalog never meets what an earlier one left behind.
/// </summary>
internal sealed class CatalogIdentityRow
{
    public Guid Id { get; set; }
}
