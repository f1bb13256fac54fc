using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiled.Api.Auth;
using Tiled.Api.OpenApi;
using Tiled.Api.Operations;
using Tiled.Application.Abstractions;
using Tiled.Application.Streaming.Live;

namespace Tiled.Api.Streaming.Multiplexed;

/// <summary>
/// <c>GET /api/v1/stream/multi</c>: many subscriptions over one WebSocket (protocol additions §2,
/// the proposed forms). Before the upgrade: 400 for a plain GET or a bad <c>envelope_format</c>,
/// 400/401 for refused credentials. Without credentials on a private server the first frame must
/// be <c>connection_auth</c> (or <c>auth</c>). Once authenticated by any means the server sends
/// <c>connection_ack</c>; scopes are checked per subscription.
/// </summary>
internal static class MultiplexedEndpoint
{
    public const string Route = "/api/v1/stream/multi";

    public static IEndpointRouteBuilder MapMultiplexedStreamEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, (Func<HttpContext, Task>)HandleAsync)
            .Operation("streams", "subscribeMany",
                "Many subscriptions over one WebSocket (upgrade; messages in the AsyncAPI document at " + AsyncApiDocument.Path + ")")
            .WithQuery(QueryParameters.EnvelopeFormat)
            .SwitchesProtocols("The connection becomes a WebSocket: connection_ack, then what the client subscribes to.")
            .RequireMultiplexedSubscriber();
        app.MapMethods(Route, [HttpMethods.Connect], (Func<HttpContext, Task>)HandleAsync).ExcludeFromDescription().RequireMultiplexedSubscriber();
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<MultiplexedConnection>>();
        var keys = services.GetRequiredService<ApiKeyOptions>();
        if (StreamRequests.CheckUpgradeAndEnvelope(context.Request, context.WebSockets.IsWebSocketRequest, out var envelope) is { } refused)
        {
            await StreamRequests.RefuseAsync(context, logger, "(multiplexed)", refused.Status, refused.Detail);
            return;
        }

        var options = services.GetService<StreamSocketOptions>() ?? StreamSocketOptions.Default;
        var clock = services.GetRequiredService<TimeProvider>();
        var authenticated = context.User.Identity?.IsAuthenticated == true || keys.AllowAnonymousReads;
        var links = StreamLinks.For(context.Request);
        using var socket = await StreamRequests.AcceptAsync(context, options);
        var scopes = RequestScopes.Of(context, keys);
        if (!authenticated)
        {
            var authenticator = new FirstMessageAuthenticator(socket, services.GetRequiredService<CredentialVerifier>(), options, clock, []);
            var (ok, closeCode) = await authenticator.AuthenticateAsync(context.RequestAborted);
            if (!ok)
            {
                StreamSocketLog.AuthMessageRejected(logger, "(multiplexed)", closeCode ?? 0);
                return;
            }

            scopes = authenticator.Identity!.FindAll(TiledClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        }

        var metrics = services.GetRequiredService<TiledMetrics>();
        var queued = new QueuedSocket(socket, options, clock, metrics, singleProducer: false);
        var connection = new MultiplexedConnection(queued, new MultiplexedContext(
            services.GetRequiredService<INodeCatalog>(),
            services.GetRequiredService<ISender>(),
            clock,
            logger,
            envelope,
            StreamEnvelopeEncoder.Create(envelope, null),
            links,
            scopes));
        metrics.Subscribers.Inc();
        try
        {
            var (code, closedBy) = await connection.RunAsync(services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            StreamSocketLog.SubscriberLeft(logger, "(multiplexed)", code, closedBy, queued.MessagesSent);
        }
        finally
        {
            metrics.Subscribers.Dec();
        }
    }
}
