using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Search;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.TestKit.Contracts;

/// <summary>
/// What every <see cref="INodeCatalog"/> must do, run against each implementation (fake, SQLite,
/// PostgreSQL). One cohesive suite, hence longer than our usual file.
/// </summary>
public abstract partial class NodeCatalogContract
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>An initialised catalog holding no nodes.</summary>
    protected abstract Task<INodeCatalog> CreateCatalogAsync();

    /// <summary>Why the backing service cannot be reached (each test then returns early); null when it can.</summary>
    protected virtual string? UnavailableReason => null;

    [Fact]
    public async Task A_search_page_counts_the_children_of_its_containers()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(NodePath.Parse("p"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(NodePath.Parse("q"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(NodePath.Parse("r"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        await catalog.CreateAsync(NodePath.Parse("p/a"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(NodePath.Parse("p/b"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(NodePath.Parse("p/a/x"), StructureFamily.Container, [], [], [], Ct);

        var matches = await catalog.SearchChildrenAsync(NodePath.Root, ChildSearch.Everything, new ChildPage(0, 10), Ct);
        var views = (await matches.Batches.ToListAsync(Ct)).SelectMany(b => b).ToList();

        views.Select(v => (v.Node.Path.Key, v.ChildCount)).Should().Equal([("p", 2L), ("q", 0L), ("r", (long?)null)]);
    }

    [Fact]
    public async Task Root_exists_as_an_empty_container_with_id_zero()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var root = await catalog.FindAsync(NodePath.Root, Ct);

        root.Should().NotBeNull();
        root!.Id.Should().Be(Node.RootId);
        root.Path.IsRoot.Should().BeTrue();
        root.StructureFamily.Should().Be(StructureFamily.Container);
        (await catalog.ListChildrenAsync(NodePath.Root, 0, 10, Ct)).Count.Should().Be(0);
        (await catalog.HasChildrenAsync(NodePath.Root, Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_path_is_not_found()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        (await catalog.FindAsync(P("nope"), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Created_array_is_found_with_its_data_source_assets_and_ids()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var metadata = new JsonObject { ["color"] = "red", ["nested"] = new JsonObject { ["n"] = 1.5, ["list"] = new JsonArray(1, "two", null) } };
        var specs = new List<Spec> { new("xdi", "1.0"), new("plain", null) };

        var created = await catalog.CreateAsync(P("x"), StructureFamily.Array, metadata, specs, [ArraySource()], Ct);
        var found = await catalog.FindAsync(P("x"), Ct);

        found.Should().NotBeNull();
        found!.Id.Should().Be(created.Id).And.BePositive();
        found.Path.Should().Be(P("x"));
        found.StructureFamily.Should().Be(StructureFamily.Array);
        JsonShouldEqual(found.Metadata, metadata);
        found.Specs.Should().Equal(specs);
        found.TimeCreated.Should().Be(created.TimeCreated);
        found.TimeUpdated.Should().Be(created.TimeUpdated);
        var source = found.DataSources.Should().ContainSingle().Subject;
        source.Id.Should().NotBeNull().And.Be(created.DataSources[0].Id);
        source.StructureFamily.Should().Be(StructureFamily.Array);
        JsonShouldEqual(source.Structure, ArrayStructureJson(3));
        source.Mimetype.Should().Be("application/x-zarr");
        JsonShouldEqual(source.Parameters, new JsonObject { ["p"] = 1 });
        JsonShouldEqual(source.Properties, new JsonObject());
        source.Management.Should().Be(Management.Writable);
        source.Assets.Select(a => a.Id).Should().OnlyContain(id => id != null).And.Equal(created.DataSources[0].Assets.Select(a => a.Id));
        source.Assets.Select(a => a with { Id = null }).Should().Equal(ArraySource().Assets);
    }

    [Fact]
    public async Task Created_container_has_no_data_sources()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var created = await catalog.CreateAsync(P("c"), StructureFamily.Container, [], [], [], Ct);

        created.Id.Should().BePositive();
        created.DataSources.Should().BeEmpty();
        (await catalog.FindAsync(P("c"), Ct))!.StructureFamily.Should().Be(StructureFamily.Container);
    }

    [Fact]
    public async Task Nested_nodes_are_found_by_their_full_path()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("a"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(P("a/b"), StructureFamily.Container, [], [], [], Ct);

        var leaf = await catalog.CreateAsync(P("a/b/c"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        (await catalog.FindAsync(P("a/b/c"), Ct))!.Id.Should().Be(leaf.Id);
        (await catalog.FindAsync(P("b/c"), Ct)).Should().BeNull();
        (await catalog.FindAsync(P("c"), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Creating_an_existing_key_throws_conflict()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);

        var again = () => catalog.CreateAsync(P("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        (await again.Should().ThrowAsync<NodeConflictException>()).Which.Message.Should().Be("/x");
    }

    [Fact]
    public async Task Concurrent_creates_of_one_key_let_exactly_one_win()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await catalog.CreateAsync(P("race"), StructureFamily.Array, [], [], [ArraySource()], Ct);
                return true;
            }
            catch (NodeConflictException)
            {
                return false;
            }
        }));

        (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
        (await catalog.ListChildrenAsync(NodePath.Root, 0, 10, Ct)).Count.Should().Be(1);
    }

    [Fact]
    public async Task Creating_under_a_missing_parent_throws_not_found()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var create = () => catalog.CreateAsync(P("a/b/x"), StructureFamily.Container, [], [], [], Ct);

        (await create.Should().ThrowAsync<NodeNotFoundException>()).Which.Message.Should().Be("No such entry: ['a', 'b']");
    }

    [Fact]
    public async Task Creating_under_an_array_throws_structure_family_mismatch()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("arr"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        var create = () => catalog.CreateAsync(P("arr/x"), StructureFamily.Container, [], [], [], Ct);

        await create.Should().ThrowAsync<StructureFamilyMismatchException>();
    }

    [Fact]
    public async Task Children_are_listed_in_insertion_order_with_offset_limit_and_count()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        string[] keys = ["m", "b", "z", "a", "q"];
        foreach (var key in keys)
        {
            await catalog.CreateAsync(P(key), StructureFamily.Container, [], [], [], Ct);
        }

        var all = await catalog.ListChildrenAsync(NodePath.Root, 0, 100, Ct);
        var page = await catalog.ListChildrenAsync(NodePath.Root, 1, 2, Ct);
        var tail = await catalog.ListChildrenAsync(NodePath.Root, 4, 10, Ct);
        var beyond = await catalog.ListChildrenAsync(NodePath.Root, 9, 10, Ct);

        all.Items.Select(n => n.Path.Key).Should().Equal(keys);
        all.Count.Should().Be(5);
        page.Items.Select(n => n.Path.Key).Should().Equal("b", "z");
        page.Count.Should().Be(5);
        tail.Items.Select(n => n.Path.Key).Should().Equal("q");
        beyond.Items.Should().BeEmpty();
        beyond.Count.Should().Be(5);
    }

    [Fact]
    public async Task Listing_with_limit_zero_returns_only_the_count()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("a"), StructureFamily.Container, [], [], [], Ct);

        var (items, count) = await catalog.ListChildrenAsync(NodePath.Root, 0, 0, Ct);

        items.Should().BeEmpty();
        count.Should().Be(1);
    }

    [Fact]
    public async Task Listing_holds_direct_children_only_with_their_data_sources()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("a"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(P("a/x"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        await catalog.CreateAsync(P("a/c"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(P("a/c/deep"), StructureFamily.Container, [], [], [], Ct);

        var (items, count) = await catalog.ListChildrenAsync(P("a"), 0, 10, Ct);

        count.Should().Be(2);
        items.Select(n => n.Path).Should().Equal(P("a/x"), P("a/c"));
        items[0].DataSources.Should().ContainSingle().Which.Assets.Should().HaveCount(2);
    }

    [Fact]
    public async Task Update_structure_replaces_the_data_source_structure()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var node = await catalog.CreateAsync(P("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        await catalog.UpdateStructureAsync(node.DataSources[0].Id!.Value, ArrayStructureJson(7), Ct);

        var found = await catalog.FindAsync(P("x"), Ct);
        JsonShouldEqual(found!.DataSources[0].Structure, ArrayStructureJson(7));
        found.DataSources[0].Assets.Should().HaveCount(2);
    }

    [Fact]
    public async Task Update_structure_of_a_missing_data_source_throws_not_found()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var update = () => catalog.UpdateStructureAsync(424242, ArrayStructureJson(1), Ct);

        await update.Should().ThrowAsync<DataSourceNotFoundException>();
    }

    [Fact]
    public async Task Metadata_updates_save_the_previous_values_as_revisions_numbered_from_one()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var node = await catalog.CreateAsync(P("x"), StructureFamily.Container, new JsonObject { ["v"] = 0 }, [], [], Ct);

        var first = await catalog.UpdateMetadataAsync(node.Id, new JsonObject { ["v"] = 1 }, [new Spec("s", null)], false, Ct);
        var second = await catalog.UpdateMetadataAsync(node.Id, new JsonObject { ["v"] = 2 }, [], false, Ct);

        first.Should().Be(1);
        second.Should().Be(2);
        var found = await catalog.FindAsync(P("x"), Ct);
        JsonShouldEqual(found!.Metadata, new JsonObject { ["v"] = 2 });
        found.Specs.Should().BeEmpty();
        found.TimeUpdated.Should().BeOnOrAfter(found.TimeCreated);
    }

    [Fact]
    public async Task Metadata_update_with_drop_revision_saves_no_revision()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var node = await catalog.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);

        var dropped = await catalog.UpdateMetadataAsync(node.Id, new JsonObject { ["v"] = 1 }, [new Spec("s", "2")], true, Ct);
        var kept = await catalog.UpdateMetadataAsync(node.Id, new JsonObject { ["v"] = 2 }, [], false, Ct);

        dropped.Should().BeNull();
        kept.Should().Be(1);
        var found = await catalog.FindAsync(P("x"), Ct);
        JsonShouldEqual(found!.Metadata, new JsonObject { ["v"] = 2 });
    }

    [Fact]
    public async Task Concurrent_metadata_updates_get_distinct_revision_numbers()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var node = await catalog.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);

        var numbers = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            Task.Run(() => catalog.UpdateMetadataAsync(node.Id, new JsonObject { ["v"] = i }, [], false, Ct))));

        numbers.Should().BeEquivalentTo(new long?[] { 1, 2, 3, 4, 5 });
    }

    [Fact]
    public async Task Metadata_update_of_a_missing_node_throws_not_found()
    {
        if (await CatalogAsync() is not { } catalog) { return; }

        var update = () => catalog.UpdateMetadataAsync(424242, [], [], false, Ct);

        await update.Should().ThrowAsync<NodeNotFoundException>();
    }

    [Fact]
    public async Task Delete_removes_the_node_its_descendants_and_their_data_sources()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("a"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(P("a/b"), StructureFamily.Container, [], [], [], Ct);
        var deep = await catalog.CreateAsync(P("a/b/x"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        await catalog.UpdateMetadataAsync(deep.Id, new JsonObject { ["v"] = 1 }, [], false, Ct);
        await catalog.CreateAsync(P("keep"), StructureFamily.Array, [], [], [ArraySource()], Ct);

        await catalog.DeleteAsync(P("a"), Ct);

        (await catalog.FindAsync(P("a"), Ct)).Should().BeNull();
        (await catalog.FindAsync(P("a/b"), Ct)).Should().BeNull();
        (await catalog.FindAsync(P("a/b/x"), Ct)).Should().BeNull();
        (await catalog.ListDataSourcesInSubtreeAsync(NodePath.Root, Ct)).Should().ContainSingle();
        (await catalog.ListChildrenAsync(NodePath.Root, 0, 10, Ct)).Items.Select(n => n.Path.Key).Should().Equal("keep");
    }

    [Fact]
    public async Task Deleted_key_can_be_created_again()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        var before = await catalog.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);
        await catalog.DeleteAsync(P("x"), Ct);

        var after = await catalog.CreateAsync(P("x"), StructureFamily.Container, [], [], [], Ct);

        after.Id.Should().NotBe(before.Id);
    }

    [Theory]
    [InlineData("a_b", "axb")]
    [InlineData("50%", "500")]
    [InlineData("a", "ab")]
    [InlineData("data", "Data")]
    [InlineData("😀", "😀x")]
    public async Task Deleting_a_key_leaves_siblings_that_merely_look_alike(string key, string lookalike)
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        foreach (var root in new[] { key, lookalike })
        {
            await catalog.CreateAsync(P(root), StructureFamily.Container, [], [], [], Ct);
            await catalog.CreateAsync(P(root).Child("x"), StructureFamily.Array, [], [], [ArraySource()], Ct);
        }

        var inSubtree = await catalog.ListDataSourcesInSubtreeAsync(P(key), Ct);
        await catalog.DeleteAsync(P(key), Ct);

        inSubtree.Should().ContainSingle();
        (await catalog.FindAsync(P(key).Child("x"), Ct)).Should().BeNull();
        (await catalog.FindAsync(P(lookalike).Child("x"), Ct)).Should().NotBeNull();
        (await catalog.HasChildrenAsync(P(lookalike), Ct)).Should().BeTrue();
    }

    [Fact]
    public async Task Has_children_is_true_only_for_nodes_with_children()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("a"), StructureFamily.Container, [], [], [], Ct);
        await catalog.CreateAsync(P("a/b"), StructureFamily.Container, [], [], [], Ct);

        (await catalog.HasChildrenAsync(NodePath.Root, Ct)).Should().BeTrue();
        (await catalog.HasChildrenAsync(P("a"), Ct)).Should().BeTrue();
        (await catalog.HasChildrenAsync(P("a/b"), Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Data_sources_in_a_subtree_cover_the_node_and_its_descendants_only()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        await catalog.CreateAsync(P("t"), StructureFamily.Container, [], [], [], Ct);
        var own = await catalog.CreateAsync(P("t/x"), StructureFamily.Array, [], [], [ArraySource("file://localhost/x")], Ct);
        await catalog.CreateAsync(P("t/c"), StructureFamily.Container, [], [], [], Ct);
        var deep = await catalog.CreateAsync(P("t/c/y"), StructureFamily.Array, [], [], [ArraySource("file://localhost/y")], Ct);
        await catalog.CreateAsync(P("other"), StructureFamily.Array, [], [], [ArraySource("file://localhost/o")], Ct);

        var sources = await catalog.ListDataSourcesInSubtreeAsync(P("t"), Ct);
        var single = await catalog.ListDataSourcesInSubtreeAsync(P("t/x"), Ct);

        sources.Select(s => s.Id).Should().BeEquivalentTo(new[] { own.DataSources[0].Id, deep.DataSources[0].Id });
        sources.Should().OnlyContain(s => s.Assets.Count == 2);
        single.Select(s => s.Assets[0].DataUri).Should().Equal("file://localhost/x");
        (await catalog.ListDataSourcesInSubtreeAsync(NodePath.Root, Ct)).Should().HaveCount(3);
    }

    private async Task<INodeCatalog?> CatalogAsync() => UnavailableReason is null ? await CreateCatalogAsync() : null;

    private static NodePath P(string path) => NodePath.Parse(path);

    private static JsonObject ArrayStructureJson(long length) => new()
    {
        ["data_type"] = new JsonObject { ["endianness"] = "little", ["kind"] = "i", ["itemsize"] = 8, ["dt_units"] = null },
        ["chunks"] = new JsonArray(new JsonArray(length)),
        ["shape"] = new JsonArray(length),
        ["dims"] = null,
        ["resizable"] = false,
    };

    private static DataSource ArraySource(string dataUri = "file://localhost/data/x") => new(
        null,
        StructureFamily.Array,
        ArrayStructureJson(3),
        "application/x-zarr",
        new JsonObject { ["p"] = 1 },
        [],
        Management.Writable,
        [new Asset(null, dataUri, true, "data_uri", null), new Asset(null, dataUri + "/extra.bin", false, "extra", 2, 1024)]);

    private static void JsonShouldEqual(JsonNode? actual, JsonNode? expected) =>
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{actual?.ToJsonString()} should equal {expected?.ToJsonString()}");
}
