using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.TestKit.Contracts;

/// <summary>
/// Two server processes on one catalog database: what one changes, the other's very next lookup
/// sees, however recently it read the node itself (each process keeps copies of nodes it read).
/// </summary>
public abstract partial class NodeCatalogContract
{
    /// <summary>A second catalog over the same database, as another server process would open it.</summary>
    protected abstract Task<INodeCatalog> CreateSecondHandleAsync();

    [Fact]
    public async Task A_structure_changed_through_another_handle_is_seen_at_once()
    {
        if (await HandlesAsync() is not var (mine, theirs)) { return; }
        var created = await mine.CreateAsync(P("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        await mine.FindAsync(P("x"), Ct);

        await theirs.UpdateStructureAsync(created.DataSources[0].Id!.Value, ArrayStructureJson(7), Ct);

        JsonShouldEqual((await mine.FindAsync(P("x"), Ct))!.DataSources[0].Structure, ArrayStructureJson(7));
    }

    [Fact]
    public async Task Metadata_changed_through_another_handle_is_seen_at_once()
    {
        if (await HandlesAsync() is not var (mine, theirs)) { return; }
        var created = await mine.CreateAsync(P("x"), StructureFamily.Container, new JsonObject { ["v"] = 1 }, [], [], Ct);
        await mine.FindAsync(P("x"), Ct);

        await theirs.UpdateMetadataAsync(created.Id, new JsonObject { ["v"] = 2 }, [new Spec("s", null)], false, Ct);

        var found = await mine.FindAsync(P("x"), Ct);
        found!.Metadata["v"]!.GetValue<int>().Should().Be(2);
        found.Specs.Should().Equal(new Spec("s", null));
    }

    [Fact]
    public async Task A_data_source_replaced_through_another_handle_is_seen_at_once()
    {
        if (await HandlesAsync() is not var (mine, theirs)) { return; }
        var created = await mine.CreateAsync(P("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        await mine.FindAsync(P("x"), Ct);

        await theirs.ReplaceDataSourceAsync(created.DataSources[0].Id!.Value, ArraySource("file://localhost/elsewhere"), Ct);

        (await mine.FindAsync(P("x"), Ct))!.DataSources[0].Assets[0].DataUri.Should().Be("file://localhost/elsewhere");
    }

    [Fact]
    public async Task A_node_deleted_and_created_again_through_another_handle_is_seen_at_once()
    {
        if (await HandlesAsync() is not var (mine, theirs)) { return; }
        await mine.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);
        await mine.FindAsync(P("x"), Ct);

        await theirs.DeleteAsync(P("x"), Ct);
        (await mine.FindAsync(P("x"), Ct)).Should().BeNull();
        await theirs.CreateAsync(P("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        (await mine.FindAsync(P("x"), Ct))!.StructureFamily.Should().Be(StructureFamily.Array);
    }

    [Fact]
    public async Task Changing_a_found_node_changes_neither_the_catalog_nor_the_next_lookup()
    {
        if (await HandlesAsync() is not var (mine, _)) { return; }
        await mine.CreateAsync(P("x"), StructureFamily.Array, new JsonObject { ["v"] = 1 }, [], [ArraySource()], Ct);

        var first = await mine.FindAsync(P("x"), Ct);
        first!.Metadata["v"] = 99;
        first.DataSources[0].Structure!["shape"] = new JsonArray(99);

        var second = await mine.FindAsync(P("x"), Ct);
        second!.Metadata["v"]!.GetValue<int>().Should().Be(1);
        JsonShouldEqual(second.DataSources[0].Structure, ArrayStructureJson(3));
    }

    private async Task<(INodeCatalog Mine, INodeCatalog Theirs)?> HandlesAsync() =>
        await CatalogAsync() is { } mine ? (mine, await CreateSecondHandleAsync()) : null;
}
