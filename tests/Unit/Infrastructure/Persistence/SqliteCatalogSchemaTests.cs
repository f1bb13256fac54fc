using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class SqliteCatalogSchemaTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("tiled-schema-");

    private string DatabaseFile => Path.Combine(_directory.FullName, "catalog.db");

    [Fact]
    public async Task Initialising_again_keeps_the_stored_nodes()
    {
        await Catalog().InitializeAsync(Ct);
        await Catalog().CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["a"] = 1 }, [], [], Ct);

        var again = Catalog();
        await again.InitializeAsync(Ct);

        (await again.FindAsync(NodePath.Parse("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container, "the node made before the upgrade is kept");
    }

    [Fact]
    public async Task Initialising_switches_the_file_to_write_ahead_logging()
    {
        await Catalog().InitializeAsync(Ct);

        (await Scalar("PRAGMA journal_mode;")).Should().Be("wal");
    }

    [Fact]
    public async Task A_schema_newer_than_the_server_is_refused()
    {
        await Catalog().InitializeAsync(Ct);
        await Scalar("UPDATE schema_version SET version = 99;");

        var initialise = () => Catalog().InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("99");
    }

    [Fact]
    public async Task A_version_1_catalog_is_upgraded_and_keeps_its_nodes()
    {
        await Catalog().InitializeAsync(Ct);
        await Catalog().CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["a"] = 1 }, [], [], Ct);
        await Scalar("ALTER TABLE nodes DROP COLUMN version; DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (1);");

        var upgraded = Catalog();
        await upgraded.InitializeAsync(Ct);
        await upgraded.UpdateMetadataAsync((await upgraded.FindAsync(NodePath.Parse("x"), Ct))!.Id, new JsonObject { ["a"] = 2 }, [], true, Ct);

        (await upgraded.FindAsync(NodePath.Parse("x"), Ct))!.Metadata["a"]!.GetValue<int>().Should().Be(2);
        (await Scalar("SELECT MAX(version) FROM schema_version;")).Should().Be((long)CatalogSchema.CurrentVersion);
        (await Scalar("SELECT version FROM nodes;")).Should().Be(1L);
    }

    [Fact]
    public async Task A_new_catalog_gets_one_random_identity_that_initialising_again_keeps()
    {
        await Catalog().InitializeAsync(Ct);
        var identity = await Scalar("SELECT id FROM catalog_identity;");

        await Catalog().InitializeAsync(Ct);

        (await Scalar("SELECT COUNT(*) FROM catalog_identity;")).Should().Be(1L);
        (await Scalar("SELECT id FROM catalog_identity;")).Should().Be(identity);
        Guid.Parse((string)identity!).Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_version_2_catalog_gets_an_identity_when_upgraded()
    {
        await Catalog().InitializeAsync(Ct);
        await Catalog().CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);
        await Scalar("DROP TABLE catalog_identity; DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (2);");

        var open = () => OpenAsync(createOrUpgrade: false);
        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("version 2").And.Contain("--init");
        var identity = await OpenAsync(createOrUpgrade: true);

        identity.Should().NotBeEmpty();
        (await OpenAsync(createOrUpgrade: false)).Should().Be(identity);
        (await Catalog().FindAsync(NodePath.Parse("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container, "the node made before the upgrade is kept");
    }

    [Fact]
    public async Task A_version_3_catalog_gets_its_full_text_table_filled_from_the_stored_nodes_when_upgraded()
    {
        await Catalog().InitializeAsync(Ct);
        await Catalog().CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["note"] = "hello world" }, [], [], Ct);
        await Scalar("DROP TRIGGER nodes_fts_insert; DROP TRIGGER nodes_fts_delete; DROP TRIGGER nodes_fts_update; DROP TABLE nodes_fts; "
            + "DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (3);");

        var upgraded = Catalog();
        await upgraded.InitializeAsync(Ct);
        await upgraded.CreateAsync(NodePath.Parse("y"), StructureFamily.Container, new JsonObject { ["note"] = "hello again" }, [], [], Ct);

        var matches = await upgraded.SearchChildrenAsync(NodePath.Root, new ChildSearch([new FullTextFilter("hello")], []), new ChildPage(0, 10), Ct);
        (await matches.Batches.ToListAsync(Ct)).SelectMany(b => b).Select(v => v.Node.Path.Key).Should().Equal("x", "y");
        matches.Count.Should().Be(2);
        (await Scalar("SELECT MAX(version) FROM schema_version;")).Should().Be((long)CatalogSchema.CurrentVersion);
    }

    [Fact]
    public async Task Two_new_catalogs_have_different_identities()
    {
        var first = await OpenAsync(createOrUpgrade: true);
        SqliteConnection.ClearAllPools();
        File.Delete(DatabaseFile);

        (await OpenAsync(createOrUpgrade: true)).Should().NotBe(first);
    }

    [Fact]
    public async Task A_database_without_a_schema_is_refused_without_init()
    {
        var open = () => OpenAsync(createOrUpgrade: false);

        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("--init");
    }

    [Fact]
    public async Task Node_ids_are_never_reused_not_even_after_deleting_the_newest_node()
    {
        var catalog = Catalog();
        await catalog.InitializeAsync(Ct);
        var deleted = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);
        await catalog.DeleteAsync(NodePath.Parse("x"), Ct);

        var created = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);

        created.Id.Should().BeGreaterThan(deleted.Id);
        ((string)(await Scalar("SELECT sql FROM sqlite_master WHERE name = 'nodes';"))!).Should().Contain("AUTOINCREMENT");
    }

    [Fact]
    public async Task A_nodes_table_from_another_program_is_refused()
    {
        await Scalar("CREATE TABLE nodes (id INTEGER PRIMARY KEY, key TEXT);");

        var initialise = () => Catalog().InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("nodes");
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_fails_with_its_path_in_the_message()
    {
        var missing = Path.Combine(_directory.FullName, "no-such-dir", "catalog.db");
        var catalog = new EfNodeCatalog(
            new PooledDbContextFactory<TiledDbContext>(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(missing))), TimeProvider.System);

        var initialise = () => catalog.InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(missing);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private EfNodeCatalog Catalog() => new(
        new PooledDbContextFactory<TiledDbContext>(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(DatabaseFile))), TimeProvider.System);

    private async Task<Guid> OpenAsync(bool createOrUpgrade)
    {
        await using var db = new TiledDbContext(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(DatabaseFile)));
        return await CatalogSchema.OpenAsync(db, createOrUpgrade, Ct);
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
