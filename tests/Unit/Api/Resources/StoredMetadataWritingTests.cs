using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Api.Resources;
using Tiled.Api.Search;
using Tiled.Application.Nodes;
using Tiled.Domain.Nodes;
using Xunit;

namespace Tiled.UnitTests.Api.Resources;

/// <summary>Metadata kept as the catalog stored it is written as the parsed tree would have been (ADR 0027).</summary>
public sealed class StoredMetadataWritingTests
{
    // As PostgreSQL prints jsonb: spaces after separators, escapes, characters the writer's encoder escapes.
    private const string Stored = """
        {"a": 1, "b": [1.50, -0, 1e5, true, false, null, []], "c": {"d\"e": "x\u0041\n<&+'>", "é": "ü €", "f": {}}, "": ""}
        """;

    [Fact]
    public void Stored_json_is_written_as_the_parsed_tree_writes_it()
    {
        Written(json => StoredJson.WriteTo(json, Stored)).Should().Be(Written(json => JsonNode.Parse(Stored)!.WriteTo(json)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("metadata,specs", null)]
    [InlineData(null, "c.f")]
    [InlineData("specs", null)]
    public void A_resource_with_stored_metadata_is_written_as_one_with_parsed_metadata(string? fields, string? selectMetadata)
    {
        var options = new ResourceOptions(fields?.Split(',').ToHashSet(), false, false, MetadataSelector.Parse(selectMetadata));
        var now = DateTimeOffset.UnixEpoch;
        var stored = Node.WithStoredMetadata(3, NodePath.Parse("a/b"), StructureFamily.Container, Stored, [], [], now, now);
        var parsed = stored with { Metadata = (JsonObject)JsonNode.Parse(Stored)! };

        var written = Written(json => NodeResources.Write(json, "http://x/api/v1", new NodeView(stored, 2), options));

        written.Should().Be(NodeResources.Resource("http://x/api/v1", new NodeView(parsed, 2), options).ToJsonString());
    }

    [Fact]
    public void A_node_parses_its_stored_metadata_when_asked_for_it_and_forgets_the_text_when_given_new_metadata()
    {
        var now = DateTimeOffset.UnixEpoch;
        var node = Node.WithStoredMetadata(3, NodePath.Parse("a"), StructureFamily.Container, Stored, [], [], now, now);

        node.Metadata["a"]!.GetValue<int>().Should().Be(1);
        node.Metadata.Should().BeSameAs(node.Metadata);
        (node with { Metadata = new JsonObject() }).StoredMetadata.Should().BeNull();
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
