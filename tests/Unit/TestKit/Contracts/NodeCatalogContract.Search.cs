using FluentAssertions;
using Tiled.Application.Search;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence;
using Xunit;

namespace Tiled.UnitTests.TestKit.Contracts;

public abstract partial class NodeCatalogContract
{
    [Fact]
    public async Task A_search_page_is_read_in_batches_in_the_search_order_with_data_sources()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        const int children = 150;
        for (var i = 0; i < children; i++)
        {
            await (i % 10 == 3
                ? catalog.CreateAsync(P($"k{i:000}"), StructureFamily.Array, [], [], [ArraySource()], Ct)
                : catalog.CreateAsync(P($"k{i:000}"), StructureFamily.Container, [], [], [], Ct));
        }

        var newestFirst = new ChildSearch([], [new SortKey(SortTarget.Default, null, Descending: true)]);
        var matches = await catalog.SearchChildrenAsync(NodePath.Root, newestFirst, new ChildPage(5, 140), Ct);
        // Deleted after the page was found, before it is read: left out, the count stays as counted.
        await catalog.DeleteAsync(P("k100"), Ct);
        var batches = await matches.Batches.ToListAsync(Ct);

        matches.Count.Should().Be(children);
        batches.Should().HaveCountGreaterThan(1, "the page is read in batches");
        batches[0].Should().HaveCount(BatchPlan.MaxRows - 1, "small children are read as many at a time as a batch holds (less k100)");
        var nodes = batches.SelectMany(b => b).Select(v => v.Node).ToList();
        nodes.Select(n => n.Path.Key).Should().Equal(
            Enumerable.Range(0, children).Reverse().Skip(5).Take(140).Where(i => i != 100).Select(i => $"k{i:000}"));
        nodes.Where(n => n.StructureFamily == StructureFamily.Array).Should()
            .OnlyContain(n => n.DataSources.Count == 1 && n.DataSources[0].Assets.Count == 2);
        (await catalog.SearchChildrenAsync(NodePath.Root, newestFirst, new ChildPage(children, 10), Ct)).Count.Should().Be(children - 1);
    }

    [Fact]
    public async Task A_search_page_of_large_children_is_never_held_whole()
    {
        if (await CatalogAsync() is not { } catalog) { return; }
        // Random text (base64url: nothing JSON escapes), so PostgreSQL cannot compress it: 450 kB of JSON each
        // (PostgreSQL's full-text vector of a node is limited to 1 MB).
        for (var i = 0; i < 11; i++)
        {
            var text = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(337_500)).Replace('+', '-').Replace('/', '_');
            await catalog.CreateAsync(P($"big{i}"), StructureFamily.Container, new() { ["blob"] = text }, [], [], Ct);
        }

        var matches = await catalog.SearchChildrenAsync(NodePath.Root, ChildSearch.Everything, new ChildPage(0, 100), Ct);
        var batches = await matches.Batches.ToListAsync(Ct);

        batches.Select(b => b.Count).Should().Equal([1, 9, 1], "one child first, then as many as fit 4 MiB at the size read");
    }
}
