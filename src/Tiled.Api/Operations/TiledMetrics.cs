using Prometheus;

namespace Tiled.Api.Operations;

/// <summary>
/// This server's Prometheus metrics, in a registry of its own (several servers in one process,
/// as in tests, never mix counts). HTTP request counts and durations by route come from
/// prometheus-net's middleware on the same registry; the rest are counted here (ADR 0011).
/// </summary>
internal sealed class TiledMetrics
{
    public TiledMetrics()
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        Factory = factory;
        Subscribers = factory.CreateGauge("tiled_websocket_subscribers", "WebSocket subscribers connected now.");
        MessagesSent = factory.CreateCounter("tiled_websocket_messages_sent_total", "Messages written to WebSocket subscribers.");
        BytesSent = factory.CreateCounter("tiled_websocket_bytes_sent_total", "Bytes of the messages written to WebSocket subscribers.");
        SendBudgetCloses = factory.CreateCounter("tiled_websocket_send_budget_closes_total",
            "Subscribers closed with 1013 because they fell a whole send budget behind.");
        CacheErrors = factory.CreateCounter("tiled_stream_cache_errors_total",
            "Failures of the stream cache: requests answered 503, subscriptions that could not open or lost their live feed.");
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public IMetricFactory Factory { get; }

    public Gauge Subscribers { get; }

    public Counter MessagesSent { get; }

    public Counter BytesSent { get; }

    public Counter SendBudgetCloses { get; }

    public Counter CacheErrors { get; }
}
