using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.Persistence;
using Tiled.UnitTests.TestKit.Contracts;

namespace Tiled.UnitTests.Infrastructure.Persistence;

/// <summary>The catalog contract on SQLite, one fresh database file per test.</summary>
public sealed class SqliteNodeCatalogTests : NodeCatalogContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-catalog-");

    protected override async Task<INodeCatalog> CreateCatalogAsync()
    {
        var catalog = OpenCatalog();
        await catalog.InitializeAsync(CancellationToken.None);
        return catalog;
    }

    protected override Task<INodeCatalog> CreateSecondHandleAsync() => Task.FromResult<INodeCatalog>(OpenCatalog());

    private EfNodeCatalog OpenCatalog() => new(
        new PooledDbContextFactory<TiledDbContext>(
            CatalogDatabase.Configure(CatalogDatabase.SqliteUri(Path.Combine(_directory.FullName, "catalog.db")))),
        TimeProvider.System);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
