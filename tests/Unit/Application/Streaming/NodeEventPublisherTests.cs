using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Streaming;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Application.Streaming;

/// <summary>Which array writes the publisher streams inline and which by reference (Tiled issue #1154).</summary>
public sealed class NodeEventPublisherTests : IDisposable
{
    private const long NodeId = 7;
    private readonly InMemoryStreamCache _cache = new(new StreamCacheOptions(), new ManualTimeProvider());

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_persisted_write_above_the_limit_is_an_array_ref_to_the_stored_box_with_the_array_data_fields_and_no_payload()
    {
        var stored = new StoredRegion(Source(), ArrayShape: [4, 100], Offset: [2, 0], Shape: [2, 100]);

        var entry = await PublishAsync(limit: 1000, payloadBytes: 1600, stored, offset: [2, 0]);

        entry.Payload.IsEmpty.Should().BeTrue();
        var message = JsonNode.Parse(entry.MetadataJson.Span)!.AsObject();
        message["type"]!.GetValue<string>().Should().Be("array-ref");
        message["shape"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(4, 100);
        message["patch"]!["offset"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(2, 0);
        message["patch"]!["shape"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(2, 100);
        message["data_source"]!["assets"]!.AsArray().Should().BeEmpty("our storage's asset has no num, which Tiled's parser rejects");
        var data = message["array_data"]!.AsObject();
        data["mimetype"]!.GetValue<string>().Should().Be("application/octet-stream");
        data["shape"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(2, 100);
        data["offset"]!.AsArray().Select(n => n!.GetValue<long>()).Should().Equal(2, 0);
        data["block"].Should().BeNull();
        data["bytes"]!.GetValue<long>().Should().Be(1600);
        ArrayDataInliner.IsByReference(entry).Should().BeTrue();
    }

    [Theory]
    [InlineData(1000, 1000, true)]
    [InlineData(1000, 999, true)]
    [InlineData(0, 10_000_000, true)]
    [InlineData(1000, 1001, false)]
    public async Task Writes_up_to_the_limit_or_with_no_limit_are_inline_array_data(long limit, int payloadBytes, bool persisted)
    {
        var stored = persisted ? new StoredRegion(Source(), [payloadBytes / 8], [0], [payloadBytes / 8]) : null;

        var entry = await PublishAsync(limit, payloadBytes, stored, offset: null);

        JsonNode.Parse(entry.MetadataJson.Span)!["type"]!.GetValue<string>().Should().Be("array-data");
        entry.Payload.Length.Should().Be(payloadBytes);
        ArrayDataInliner.IsByReference(entry).Should().BeFalse();
    }

    [Fact]
    public void A_data_source_replacement_is_not_mistaken_for_a_write_sent_by_reference()
    {
        var metadata = """{"type":"array-ref","timestamp":"t","data_source":{},"patch":null,"shape":[3]}"""u8.ToArray();

        ArrayDataInliner.IsByReference(new StreamEntry(1, metadata, ReadOnlyMemory<byte>.Empty)).Should().BeFalse();
    }

    private async Task<StreamEntry> PublishAsync(long limit, int payloadBytes, StoredRegion? stored, long[]? offset)
    {
        var publisher = new NodeEventPublisher(_cache, new ManualTimeProvider(), new StreamPayloadOptions(limit));
        var sequence = await publisher.ArrayDataAsync(NodeId, "application/octet-stream", stored?.Shape ?? [payloadBytes / 8], offset, null,
            StreamPayload.Own(new byte[payloadBytes]), stored, CancellationToken.None);
        return (await _cache.GetRangeAsync(NodeId, sequence, sequence, CancellationToken.None)).Single();
    }

    private static DataSource Source() => new(1, StructureFamily.Array, new JsonObject(), "application/x-zarr", [], [], Management.Writable,
        [new Asset(1, "file:///storage/x", true, "data_uri", null)]);
}
