using Microsoft.EntityFrameworkCore;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// The lookup of a node with its data sources, compiled once per catalog instance (one provider
/// each) so that a cache miss skips EF's expression processing and query-cache lookup.
/// </summary>
internal sealed class CatalogQueries
{
    public Func<TiledDbContext, string, CancellationToken, Task<NodeRow?>> NodeByPath { get; } =
        EF.CompileAsyncQuery((TiledDbContext db, string path, CancellationToken ct) =>
            db.Nodes.AsNoTracking()
                .Include(n => n.DataSources.OrderBy(d => d.Id))
                .ThenInclude(d => d.Assets.OrderBy(a => a.Id))
                .SingleOrDefault(n => n.Path == path));
}
