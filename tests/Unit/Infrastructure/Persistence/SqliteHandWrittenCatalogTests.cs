using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.Persistence;

/// <summary>
/// Catalogs made by the hand-written schema code of earlier releases (HandWrittenCatalogs/sqlite-v4.sql,
/// with one node "x" and a known identity; versions 1 to 3 are that catalog with what later versions
/// added taken away) open after --init, with their nodes and their identity.
/// </summary>
public sealed class SqliteHandWrittenCatalogTests : IDisposable
{
    private const string Identity = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly SqliteCatalogFile _file = new();

    [Fact]
    public async Task The_initial_migration_creates_the_schema_that_the_hand_written_code_made()
    {
        using var handWritten = new SqliteCatalogFile();
        await handWritten.Scalar(HandWrittenCatalog());
        await _file.OpenAsync(createOrUpgrade: true);

        (await _file.SchemaAsync()).Should().Equal(await handWritten.SchemaAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_hand_written_catalog_is_refused_without_init_naming_its_version(int version)
    {
        await CreateHandWrittenCatalogAsync(version);

        var open = () => _file.OpenAsync(createOrUpgrade: false);

        (await open.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain($"version {version}").And.Contain("--init");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_hand_written_catalog_opens_after_init_with_its_nodes_and_full_text_search(int version)
    {
        await CreateHandWrittenCatalogAsync(version);

        var catalog = _file.Catalog();
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("y"), StructureFamily.Container, new JsonObject { ["note"] = "hello again" }, [], [], Ct);

        var matches = await catalog.SearchChildrenAsync(NodePath.Root, new ChildSearch([new FullTextFilter("hello")], []), new ChildPage(0, 10), Ct);
        (await matches.Batches.ToListAsync(Ct)).SelectMany(b => b).Select(v => v.Node.Path.Key).Should().Equal("x", "y");
        (await _file.Scalar("SELECT COUNT(*) FROM \"__EFMigrationsHistory\";")).Should().Be(1L, "the catalog is baselined at the initial migration");
        (await _file.Scalar("SELECT MAX(version) FROM schema_version;")).Should().Be((long)CatalogSchema.MigrationsVersion);
        (await _file.Scalar("SELECT COUNT(*) FROM principals;")).Should().Be(0L);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_hand_written_catalog_keeps_its_identity(int version)
    {
        await CreateHandWrittenCatalogAsync(version);

        (await _file.OpenAsync(createOrUpgrade: true)).Should().Be(Guid.Parse(Identity));
        (await _file.OpenAsync(createOrUpgrade: false)).Should().Be(Guid.Parse(Identity));
    }

    [Fact]
    public async Task A_version_2_catalog_gets_one_identity_that_it_keeps()
    {
        await CreateHandWrittenCatalogAsync(2);

        var identity = await _file.OpenAsync(createOrUpgrade: true);

        identity.Should().NotBeEmpty().And.NotBe(Guid.Parse(Identity));
        (await _file.OpenAsync(createOrUpgrade: true)).Should().Be(identity);
        (await _file.Scalar("SELECT COUNT(*) FROM catalog_identity;")).Should().Be(1L);
    }

    [Fact]
    public async Task A_version_1_catalog_gets_the_node_version_stamp()
    {
        await CreateHandWrittenCatalogAsync(1);
        var catalog = _file.Catalog();
        await catalog.InitializeAsync(Ct);

        await catalog.UpdateMetadataAsync((await catalog.FindAsync(NodePath.Parse("x"), Ct))!.Id, new JsonObject { ["a"] = 2 }, [], true, Ct);

        (await catalog.FindAsync(NodePath.Parse("x"), Ct))!.Metadata["a"]!.GetValue<int>().Should().Be(2);
        (await _file.Scalar("SELECT version FROM nodes;")).Should().Be(1L, "the stamp starts at 0 and the update raised it");
    }

    public void Dispose() => _file.Dispose();

    private static string HandWrittenCatalog() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Persistence", "HandWrittenCatalogs", "sqlite-v4.sql"));

    /// <summary>The version-4 catalog, less what versions above <paramref name="version"/> added.</summary>
    private async Task CreateHandWrittenCatalogAsync(int version)
    {
        await _file.Scalar(HandWrittenCatalog());
        if (version < 4)
        {
            await _file.Scalar("DROP TRIGGER nodes_fts_insert; DROP TRIGGER nodes_fts_delete; DROP TRIGGER nodes_fts_update; DROP TABLE nodes_fts; "
                + "DROP TABLE api_keys; DROP TABLE principals;");
        }

        if (version < 3)
        {
            await _file.Scalar("DROP TABLE catalog_identity;");
        }

        if (version < 2)
        {
            await _file.Scalar("ALTER TABLE nodes DROP COLUMN version;");
        }

        await _file.Scalar($"UPDATE schema_version SET version = {version};");
    }
}
