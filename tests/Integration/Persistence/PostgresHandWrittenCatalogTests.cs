using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Persistence;

/// <summary>
/// Catalogs made by the hand-written schema code of earlier releases (HandWrittenCatalogs/postgres-v4.sql,
/// with one node "x" and a known identity; versions 1 to 3 are that catalog with what later versions
/// added taken away) open after --init, with their nodes and their identity. Each test works in a
/// fresh schema of this class's database.
/// </summary>
public sealed class PostgresHandWrittenCatalogTests : IClassFixture<PostgresCatalogDatabase>
{
    private static readonly Guid Identity = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresCatalogDatabase _database;
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");

    public PostgresHandWrittenCatalogTests(PostgresCatalogDatabase database, ITestOutputHelper output)
    {
        _database = database;
        if (database.UnavailableReason is { } reason)
        {
            output.WriteLine($"Returning early without testing: {reason}");
        }
    }

    [Fact]
    public async Task The_initial_migration_creates_the_schema_that_the_hand_written_code_made()
    {
        if (_database.UnavailableReason is not null) { return; }
        var handWritten = _schema + "_h";
        await CreateHandWrittenCatalogAsync(4, handWritten);
        await (await _database.CatalogAsync(_schema)).InitializeAsync(Ct);

        // --init adopts the hand-written catalog without changing its tables, and sets on its search
        // indexes what the migration sets on new ones (ADR 0027's pending-list limit).
        await (await _database.CatalogAsync(handWritten)).InitializeAsync(Ct);

        (await SchemaAsync(_schema)).Should().Be(await SchemaAsync(handWritten));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_hand_written_catalog_opens_after_init_with_its_nodes_and_full_text_search(int version)
    {
        if (_database.UnavailableReason is not null) { return; }
        await CreateHandWrittenCatalogAsync(version, _schema);

        var catalog = await _database.CatalogAsync(_schema);
        await catalog.InitializeAsync(Ct);
        await catalog.CreateAsync(NodePath.Parse("y"), StructureFamily.Container, new JsonObject { ["note"] = "hello again" }, [], [], Ct);
        await catalog.UpdateMetadataAsync((await catalog.FindAsync(NodePath.Parse("x"), Ct))!.Id, new JsonObject { ["note"] = "hello there" }, [], true, Ct);

        var matches = await catalog.SearchChildrenAsync(NodePath.Root, new ChildSearch([new FullTextFilter("hello")], []), new ChildPage(0, 10), Ct);
        (await matches.Batches.ToListAsync(Ct)).SelectMany(b => b).Select(v => v.Node.Path.Key).Should().Equal("x", "y");
        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".\"__EFMigrationsHistory\"")).Should().Be(1L, "the catalog is baselined at the initial migration");
        (await _database.ExecuteAsync($"SELECT MAX(version) FROM \"{_schema}\".schema_version")).Should().Be(CatalogSchema.MigrationsVersion);
        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".principals")).Should().Be(0L);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_hand_written_catalog_keeps_its_identity_or_gets_one(int version)
    {
        if (_database.UnavailableReason is not null) { return; }
        await CreateHandWrittenCatalogAsync(version, _schema);
        var catalog = await _database.CatalogAsync(_schema);

        await catalog.InitializeAsync(Ct);
        var identity = await _database.ExecuteAsync($"SELECT id FROM \"{_schema}\".catalog_identity");
        await catalog.InitializeAsync(Ct);

        identity.Should().BeOfType<Guid>().Which.Should().NotBeEmpty();
        if (version >= 3)
        {
            identity.Should().Be(Identity);
        }

        (await _database.ExecuteAsync($"SELECT COUNT(*) FROM \"{_schema}\".catalog_identity")).Should().Be(1L);
        (await _database.ExecuteAsync($"SELECT id FROM \"{_schema}\".catalog_identity")).Should().Be(identity);
    }

    /// <summary>The version-4 catalog in <paramref name="schema"/>, less what versions above <paramref name="version"/> added.</summary>
    private async Task CreateHandWrittenCatalogAsync(int version, string schema)
    {
        var script = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "HandWrittenCatalogs", "postgres-v4.sql"), Ct);
        await _database.ExecuteAsync($"CREATE SCHEMA \"{schema}\"; SET search_path TO \"{schema}\"; {script}");
        var downgrade = $"SET search_path TO \"{schema}\"; ";
        if (version < 4)
        {
            downgrade += "DROP INDEX ix_nodes_metadata_gin; DROP INDEX ix_nodes_specs_gin; DROP INDEX ix_nodes_metadata_text; DROP TABLE api_keys; DROP TABLE principals; ";
        }

        if (version < 3)
        {
            downgrade += "DROP TABLE catalog_identity; ";
        }

        if (version < 2)
        {
            downgrade += "ALTER TABLE nodes DROP COLUMN version; ";
        }

        await _database.ExecuteAsync(downgrade + $"UPDATE schema_version SET version = {version}");
    }

    /// <summary>Columns, constraints and indexes of the catalog's tables in <paramref name="schema"/>, one line each, sorted.</summary>
    private async Task<object?> SchemaAsync(string schema) => await _database.ExecuteAsync(
        $"""
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS line
                FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name <> '__EFMigrationsHistory'
            UNION ALL SELECT conname || ' ' || replace(pg_get_constraintdef(oid), '{schema}.', '') FROM pg_constraint WHERE connamespace = '"{schema}"'::regnamespace AND conname <> 'PK___EFMigrationsHistory'
            UNION ALL SELECT indexname || ' ' || replace(indexdef, '{schema}.', '') FROM pg_indexes WHERE schemaname = '{schema}' AND tablename <> '__EFMigrationsHistory'
        ) AS lines
        """);
}
