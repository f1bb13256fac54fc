using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Subscriptions;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Subscribing as a use case: the pump that will feed the transport's sink joins the node's hub
/// before the session reads where the history ends, so nothing between replay and live is missed
/// (ADR 0004). Throws what opening throws (e.g. the stream cache is unreachable), having left the hub.
/// </summary>
internal sealed class OpenSubscriptionHandler(NodeStreamHubs hubs, IStreamCache cache, ArrayDataInliner inliner, TimeProvider clock,
    ILogger<OpenSubscriptionHandler> logger) : IRequestHandler<OpenSubscriptionCommand, OpenedSubscription>
{
    public async Task<OpenedSubscription> Handle(OpenSubscriptionCommand request, CancellationToken cancellationToken)
    {
        var node = request.Node;
        var schema = StreamSchema.From(node);
        var encoder = StreamEnvelopeEncoder.Create(request.Envelope, schema.DataType, request.Links);
        var inlining = request.Inline ? new PayloadInlining(inliner, node.Path, logger) : null;
        var pump = new SubscriptionPump(request.Sink, request.Resume, encoder, request.Extensions, clock, logger, node.Path.ToString(), inlining);
        var membership = await hubs.JoinAsync(node.Id, pump.Live, cancellationToken);
        try
        {
            var session = await SubscriptionSession.OpenAsync(cache, node.Id, request.Start, membership.LiveAfter, cancellationToken);
            return new OpenedSubscription(pump, session, membership, encoder, encoder.EncodeMessage(schema.Message));
        }
        catch
        {
            await membership.DisposeAsync();
            throw;
        }
    }
}
