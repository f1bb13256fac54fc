using MediatR;
using Tiled.Domain.Nodes;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Opens a subscription of <paramref name="Node"/> for a transport: its frames go into
/// <paramref name="Sink"/>, the transport's send budget, and each frame written is to be reported to
/// <paramref name="Resume"/>. <paramref name="Start"/>: null = live only, N = replay from N.
/// <paramref name="Extensions"/>: also this server's additional messages; <paramref name="Inline"/>:
/// writes streamed by reference arrive with their payload; <paramref name="Links"/>: how
/// <c>array-ref</c> updates get their <c>uri</c> (null: sent as stored).
/// </summary>
public sealed record OpenSubscriptionCommand(Node Node, long? Start, EnvelopeFormat Envelope, bool Extensions, bool Inline,
    ArrayRefLinks? Links, IFrameSink Sink, ResumePoint Resume) : IRequest<OpenedSubscription>;
