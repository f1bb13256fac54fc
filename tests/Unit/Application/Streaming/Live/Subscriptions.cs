using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming;
using Tiled.Application.Streaming.Live;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.UnitTests.Application.Streaming.Live;

/// <summary>Opening subscriptions as the transports do, through <see cref="OpenSubscriptionHandler"/>, on a real hub registry and cache.</summary>
internal static class Subscriptions
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The handler; payloads are never inlined here (those tests run against a real server), so the inliner has no ports.</summary>
    public static OpenSubscriptionHandler Handler(NodeStreamHubs hubs, IStreamCache cache, ILogger<OpenSubscriptionHandler>? logger = null) =>
        new(hubs, cache, new ArrayDataInliner(null!, null!), TimeProvider.System, logger ?? NullLogger<OpenSubscriptionHandler>.Instance);

    public static NodeStreamHubs Hubs(IStreamCache cache) => new(cache, NullLogger<NodeStreamHubs>.Instance);

    /// <summary>A one-dimensional int64 array node with id <paramref name="id"/>.</summary>
    public static Node Int64Array(long id) => new(id, NodePath.Parse("x"), StructureFamily.Array, [], [],
        [new DataSource(1, StructureFamily.Array, new JsonObject
        {
            ["data_type"] = new JsonObject { ["endianness"] = "little", ["kind"] = "i", ["itemsize"] = 8, ["dt_units"] = null },
            ["shape"] = new JsonArray(3),
        }, "application/x-zarr", [], [], Management.Writable, [])],
        Created, Created);

    public static Task<OpenedSubscription> OpenAsync(OpenSubscriptionHandler handler, Node node, long? start, IFrameSink sink, ResumePoint resume,
        EnvelopeFormat envelope = EnvelopeFormat.Msgpack, bool extensions = true) =>
        handler.Handle(new OpenSubscriptionCommand(node, start, envelope, extensions, Inline: false, Links: null, sink, resume), CancellationToken.None);
}
