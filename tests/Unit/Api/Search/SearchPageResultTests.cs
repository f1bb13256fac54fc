using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Tiled.Api.Search;
using Tiled.Application.Nodes;
using Tiled.Application.Nodes.ListChildren;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.Api.Search;

/// <summary>A search page written as its children are read: the envelope, and what a failure does before and after the first bytes.</summary>
public sealed class SearchPageResultTests
{
    [Fact]
    public async Task The_page_is_data_error_links_meta_and_its_links_know_how_many_children_were_written_and_the_last()
    {
        var (context, body, lifetime) = Context();

        await Result(Views(["a", "b"])).ExecuteAsync(context);

        Encoding.UTF8.GetString(body.ToArray()).Should()
            .Be("""{"data":[{"id":"a"},{"id":"b"}],"error":null,"links":{"next":"2 after b"},"meta":{"count":7}}""");
        context.Response.ContentType.Should().Be("application/json; charset=utf-8");
        lifetime.Aborted.Should().BeFalse();
    }

    [Fact]
    public async Task A_failure_reading_the_first_batch_is_thrown_before_anything_is_written()
    {
        var (context, body, lifetime) = Context();

        var execute = () => Result(Views([], failAfter: 0)).ExecuteAsync(context);

        await execute.Should().ThrowAsync<InvalidOperationException>();
        body.Length.Should().Be(0);
        context.Response.ContentType.Should().BeNull("the error handler still answers with its own body");
        lifetime.Aborted.Should().BeFalse();
    }

    [Fact]
    public async Task A_failure_after_the_first_child_aborts_the_connection_instead_of_ending_the_json()
    {
        var (context, _, lifetime) = Context();

        var execute = () => Result(Views(["a"], failAfter: 1)).ExecuteAsync(context);

        await execute.Should().ThrowAsync<InvalidOperationException>();
        lifetime.Aborted.Should().BeTrue();
    }

    private static SearchPageResult Result(IAsyncEnumerable<NodeView> items) => new(
        new ChildrenPage(items, 7),
        (json, view) => new JsonObject { ["id"] = view.Node.Path.Key }.WriteTo(json),
        (returned, last) => new JsonObject { ["next"] = $"{returned} after {last?.Node.Path.Key}" });

    private static async IAsyncEnumerable<NodeView> Views(string[] keys, int? failAfter = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var now = DateTimeOffset.UnixEpoch;
        for (var i = 0; i < keys.Length || i == failAfter; i++)
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            if (i == failAfter)
            {
                throw new InvalidOperationException("The catalog failed.");
            }

            yield return new NodeView(new Node(i + 1, NodePath.Parse(keys[i]), StructureFamily.Container, [], [], [], now, now), 0);
        }
    }

    private static (HttpContext Context, MemoryStream Body, AbortRecorder Lifetime) Context()
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        var lifetime = new AbortRecorder();
        context.Features.Set<IHttpRequestLifetimeFeature>(lifetime);
        return (context, body, lifetime);
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }

        public bool Aborted { get; private set; }

        public void Abort() => Aborted = true;
    }
}
