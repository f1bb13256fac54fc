using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Persistence;

/// <summary>Start-up on PostgreSQL; each test works in a fresh schema of this class's database.</summary>
public sealed class PostgresCatalogSchemaTests : IClassFixture<PostgresCatalogDatabase>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresCatalogDatabase _database;
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");

    public PostgresCatalogSchemaTests(PostgresCatalogDatabase database, ITestOutputHelper output)
    {
        _database = database;
        if (database.UnavailableReason is { } reason)
        {
            output.WriteLine($"Returning early without testing: {reason}");
        }
    }

    [Fact]
    public async Task Concurrent_start_ups_on_a_fresh_database_all_succeed()
    {
        if (_database.UnavailableReason is not null) { return; }

        var catalogs = new List<EfNodeCatalog>();
        for (var i = 0; i < 4; i++)
        {
            catalogs.Add(await _database.CatalogAsync(_schema));
        }

        await Task.WhenAll(catalogs.Select(c => Task.Run(() => c.InitializeAsync(Ct))));

        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".schema_version")).Should().Be(1L);
        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".catalog_identity")).Should().Be(1L);
        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".\"__EFMigrationsHistory\"")).Should().Be(1L);
    }

    [Fact]
    public async Task Metadata_is_stored_as_jsonb()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["color"] = "red" }, [], [], Ct);

        (await _database.ExecuteAsync(
                $"SELECT data_type FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = 'nodes' AND column_name = 'metadata'"))
            .Should().Be("jsonb");
        (await _database.ExecuteAsync($"SELECT metadata->>'color' FROM \"{_schema}\".nodes")).Should().Be("red");
    }

    [Fact]
    public async Task The_search_indexes_keep_short_pending_lists_also_in_a_catalog_made_before()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        var options = $"SELECT string_agg(c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','), '-'), '; ' ORDER BY c.relname) "
            + $"FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam WHERE s.nspname = '{_schema}' AND a.amname = 'gin'";
        const string expected = "ix_nodes_metadata_gin gin_pending_list_limit=64; ix_nodes_metadata_text gin_pending_list_limit=64; "
            + "ix_nodes_specs_gin gin_pending_list_limit=64";
        (await _database.ExecuteAsync(options)).Should().Be(expected);
        await _database.ExecuteAsync($"ALTER INDEX \"{_schema}\".ix_nodes_metadata_gin RESET (gin_pending_list_limit)");

        await catalog.InitializeAsync(Ct);

        (await _database.ExecuteAsync(options)).Should().Be(expected);
    }

    [Fact]
    public async Task Initialising_again_keeps_the_stored_nodes()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);

        await catalog.InitializeAsync(Ct);

        (await catalog.FindAsync(NodePath.Parse("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container, "the node made before the upgrade is kept");
    }

    [Fact]
    public async Task A_catalog_migrated_by_a_newer_release_is_refused()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await _database.ExecuteAsync($"INSERT INTO \"{_schema}\".\"__EFMigrationsHistory\" VALUES ('29990101000000_FromTheFuture', '99.0.0')");

        var initialise = () => catalog.InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("29990101000000_FromTheFuture").And.Contain("Upgrade the server");
    }

    [Fact]
    public async Task Node_ids_are_never_reused_not_even_after_deleting_the_newest_node()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        var deleted = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);
        await catalog.DeleteAsync(NodePath.Parse("x"), Ct);

        var created = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);

        created.Id.Should().BeGreaterThan(deleted.Id);
    }

    [Fact]
    public async Task An_unreachable_server_fails_start_up_naming_host_and_port_but_not_the_password()
    {
        var catalog = new EfNodeCatalog(
            new PooledDbContextFactory<TiledDbContext>(
                CatalogDatabase.Configure("postgresql://tiled:hunter2@127.0.0.1:1/catalog?Timeout=2")),
            TimeProvider.System);

        var initialise = () => catalog.InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("127.0.0.1:1").And.NotContain("hunter2");
    }
}
