using Tiled.Application.Abstractions;
using Tiled.UnitTests.TestKit.Contracts;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Persistence;

/// <summary>The catalog contract on real PostgreSQL; tables are emptied before each test.</summary>
public sealed class PostgresNodeCatalogTests : NodeCatalogContract, IClassFixture<PostgresCatalogDatabase>
{
    private readonly PostgresCatalogDatabase _database;

    public PostgresNodeCatalogTests(PostgresCatalogDatabase database, ITestOutputHelper output)
    {
        _database = database;
        if (database.UnavailableReason is { } reason)
        {
            output.WriteLine($"Returning early without testing: {reason}");
        }
    }

    protected override string? UnavailableReason => _database.UnavailableReason;

    protected override async Task<INodeCatalog> CreateCatalogAsync()
    {
        var catalog = await _database.CatalogAsync();
        await catalog.InitializeAsync(CancellationToken.None);
        await _database.ExecuteAsync("TRUNCATE nodes, data_sources, assets, revisions RESTART IDENTITY CASCADE");
        return catalog;
    }

    protected override async Task<INodeCatalog> CreateSecondHandleAsync() => await _database.CatalogAsync();
}
