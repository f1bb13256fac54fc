using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

public sealed class SqliteCatalogSchemaTests : IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly SqliteCatalogFile _file = new();

    [Fact]
    public async Task Initialising_again_keeps_the_stored_nodes()
    {
        await _file.Catalog().InitializeAsync(Ct);
        await _file.Catalog().CreateAsync(NodePath.Parse("x"), StructureFamily.Container, new JsonObject { ["a"] = 1 }, [], [], Ct);

        var again = _file.Catalog();
        await again.InitializeAsync(Ct);

        (await again.FindAsync(NodePath.Parse("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container, "the node made before is kept");
    }

    [Fact]
    public async Task Concurrent_start_ups_on_a_fresh_file_all_succeed_with_one_identity()
    {
        var catalogs = Enumerable.Range(0, 4).Select(_ => _file.Catalog()).ToList();

        await Task.WhenAll(catalogs.Select(c => Task.Run(() => c.InitializeAsync(Ct))));

        (await _file.Scalar("SELECT COUNT(*) FROM catalog_identity;")).Should().Be(1L);
        (await _file.Scalar("SELECT COUNT(*) FROM \"__EFMigrationsHistory\";")).Should().Be(1L);
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_process_that_died_migrating_does_not_stop_init()
    {
        var identity = await _file.OpenAsync(createOrUpgrade: true);
        await _file.Scalar("INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-01-01 00:00:00+00:00');");

        var open = _file.OpenAsync(createOrUpgrade: true);

        (await Task.WhenAny(open, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(open, "EF alone would wait for the row forever");
        (await open).Should().Be(identity);
    }

    [Fact]
    public async Task Initialising_switches_the_file_to_write_ahead_logging()
    {
        await _file.Catalog().InitializeAsync(Ct);

        (await _file.Scalar("PRAGMA journal_mode;")).Should().Be("wal");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_catalog_migrated_by_a_newer_release_is_refused(bool init)
    {
        await _file.Catalog().InitializeAsync(Ct);
        await _file.Scalar("INSERT INTO \"__EFMigrationsHistory\" VALUES ('29990101000000_FromTheFuture', '99.0.0');");

        var open = () => _file.OpenAsync(createOrUpgrade: init);

        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
            .Contain("29990101000000_FromTheFuture").And.Contain("Upgrade the server");
    }

    [Fact]
    public async Task A_catalog_kept_by_migrations_is_refused_by_releases_with_hand_written_schema_code()
    {
        await _file.Catalog().InitializeAsync(Ct);

        // Those releases refuse a schema_version above 4 and ask for a newer server.
        (await _file.Scalar("SELECT MAX(version) FROM schema_version;")).Should().Be(5L);
    }

    [Fact]
    public async Task A_new_catalog_gets_one_random_identity_that_initialising_again_keeps()
    {
        var identity = await _file.OpenAsync(createOrUpgrade: true);

        (await _file.OpenAsync(createOrUpgrade: true)).Should().Be(identity);
        (await _file.OpenAsync(createOrUpgrade: false)).Should().Be(identity);
        (await _file.Scalar("SELECT COUNT(*) FROM catalog_identity;")).Should().Be(1L);
        identity.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Two_new_catalogs_have_different_identities()
    {
        var first = await _file.OpenAsync(createOrUpgrade: true);
        SqliteConnection.ClearAllPools();
        File.Delete(_file.Path);

        (await _file.OpenAsync(createOrUpgrade: true)).Should().NotBe(first);
    }

    [Fact]
    public async Task A_database_without_a_schema_is_refused_without_init()
    {
        var open = () => _file.OpenAsync(createOrUpgrade: false);

        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("no catalog schema").And.Contain("--init");
    }

    [Fact]
    public async Task Node_ids_are_never_reused_not_even_after_deleting_the_newest_node()
    {
        var catalog = _file.Catalog();
        await catalog.InitializeAsync(Ct);
        var deleted = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);
        await catalog.DeleteAsync(NodePath.Parse("x"), Ct);

        var created = await catalog.CreateAsync(NodePath.Parse("x"), StructureFamily.Container, [], [], [], Ct);

        created.Id.Should().BeGreaterThan(deleted.Id);
        ((string)(await _file.Scalar("SELECT sql FROM sqlite_master WHERE name = 'nodes';"))!).Should().Contain("AUTOINCREMENT");
    }

    [Fact]
    public async Task A_nodes_table_from_another_program_is_refused()
    {
        await _file.Scalar("CREATE TABLE nodes (id INTEGER PRIMARY KEY, key TEXT);");

        var initialise = () => _file.Catalog().InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("nodes");
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_fails_with_its_path_in_the_message()
    {
        var missing = Path.Combine(Path.GetDirectoryName(_file.Path)!, "no-such-dir", "catalog.db");
        var catalog = new EfNodeCatalog(
            new PooledDbContextFactory<TiledDbContext>(CatalogDatabase.Configure(CatalogDatabase.SqliteUri(missing))), TimeProvider.System);

        var initialise = () => catalog.InitializeAsync(Ct);

        (await initialise.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(missing);
    }

    public void Dispose() => _file.Dispose();
}
