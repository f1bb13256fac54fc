using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Application.Search;
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
    public async Task A_version_1_catalog_is_upgraded_and_keeps_its_nodes()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        var created = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["v"] = 1 }, [], [], Ct);
        await _database.ExecuteAsync(
            $"ALTER TABLE \"{_schema}\".nodes DROP COLUMN version; UPDATE \"{_schema}\".schema_version SET version = 1");

        var upgraded = await _database.CatalogAsync(_schema);
        await upgraded.InitializeAsync(Ct);
        await upgraded.UpdateMetadataAsync(created.Id, new JsonObject { ["v"] = 2 }, [], true, Ct);

        (await upgraded.FindAsync(NodePath.Parse("x"), Ct))!.Metadata["v"]!.GetValue<int>().Should().Be(2);
        (await _database.ExecuteAsync($"SELECT MAX(version) FROM \"{_schema}\".schema_version")).Should().Be(CatalogSchema.CurrentVersion);
        (await _database.ExecuteAsync($"SELECT version FROM \"{_schema}\".nodes")).Should().Be(1L);
    }

    [Fact]
    public async Task A_version_2_catalog_gets_one_identity_when_upgraded_and_keeps_it()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);
        await _database.ExecuteAsync(
            $"DROP TABLE \"{_schema}\".catalog_identity; DELETE FROM \"{_schema}\".schema_version; INSERT INTO \"{_schema}\".schema_version VALUES (2)");

        await catalog.InitializeAsync(Ct);
        var identity = await _database.ExecuteAsync($"SELECT id FROM \"{_schema}\".catalog_identity");
        await catalog.InitializeAsync(Ct);

        identity.Should().BeOfType<Guid>().Which.Should().NotBeEmpty();
        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".catalog_identity")).Should().Be(1L);
        (await _database.ExecuteAsync($"SELECT id FROM \"{_schema}\".catalog_identity")).Should().Be(identity);
        (await catalog.FindAsync(NodePath.Parse("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container, "the node made before the upgrade is kept");
    }

    [Fact]
    public async Task A_version_3_catalog_gets_the_search_indexes_when_upgraded()
    {
        if (_database.UnavailableReason is not null) { return; }
        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["note"] = "hello world" }, [], [], Ct);
        await _database.ExecuteAsync(
            $"DROP INDEX \"{_schema}\".ix_nodes_metadata_gin; DROP INDEX \"{_schema}\".ix_nodes_specs_gin; DROP INDEX \"{_schema}\".ix_nodes_metadata_text; "
            + $"UPDATE \"{_schema}\".schema_version SET version = 3");

        await catalog.InitializeAsync(Ct);

        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM pg_indexes WHERE schemaname = '{_schema}' AND indexname LIKE 'ix_nodes_%_gin'")).Should().Be(2L);
        (await _database.ExecuteAsync($"SELECT indexdef FROM pg_indexes WHERE schemaname = '{_schema}' AND indexname = 'ix_nodes_metadata_text'"))
            .Should().BeOfType<string>().Which.Should().Contain("jsonb_to_tsvector");
        (await _database.ExecuteAsync($"SELECT MAX(version) FROM \"{_schema}\".schema_version")).Should().Be(CatalogSchema.CurrentVersion);
        var matches = await catalog.SearchChildrenAsync(NodePath.Root, new ChildSearch([new FullTextFilter("hello")], []), new ChildPage(0, 10), Ct);
        (await matches.Batches.ToListAsync(Ct)).SelectMany(b => b).Select(v => v.Node.Path.Key).Should().Equal("x");
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
