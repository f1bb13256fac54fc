using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tiled.Api.Auth;
using Tiled.Api.Http;
using Tiled.Api.OpenApi;
using Tiled.Api.Operations;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming.Live;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Streaming;

/// <summary>
/// <c>GET /api/v1/stream/single/{path}</c>: subscribe to a node's stream over a WebSocket (protocol
/// §9.3-9.7). Before the upgrade, plain HTTP answers: 400 for a request that is not an upgrade, an
/// <c>envelope_format</c> other than json/msgpack, a <c>start</c> that is not a non-negative integer;
/// 404 for an unknown node. Credentials are judged by the endpoint's authorization
/// (<see cref="EndpointAuthorization.RequireSubscriber{TBuilder}"/>): an <c>Authorization</c>
/// scheme other than <c>Apikey</c> is 400, a wrong key 401, cookies never count. Without
/// credentials on a private server the upgrade is accepted and the first frame must authenticate
/// (<see cref="FirstMessageAuthenticator"/>).
/// </summary>
internal static class StreamSocketEndpoints
{
    public const string Route = "/api/v1/stream/single/{**path}";

    /// <summary>Registers the limits of subscription sockets (the live streams they share are the Application's).</summary>
    public static IServiceCollection AddStreamSockets(this IServiceCollection services, StreamSocketOptions options) =>
        services.AddSingleton(options);

    public static IEndpointRouteBuilder MapStreamSocketEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, HandleAsync)
            .Operation("streams", "subscribe", "Subscribe to a node's stream (WebSocket upgrade; messages in the AsyncAPI document at " + AsyncApiDocument.Path + ")")
            .WithQuery(QueryParameters.EnvelopeFormat, QueryParameters.Start, QueryParameters.Extensions, QueryParameters.Inline)
            .SwitchesProtocols("The connection becomes a WebSocket: a schema message, then the node's updates.")
            .RequireSubscriber();
        // WebSockets over HTTP/2 arrive as extended CONNECT requests.
        app.MapMethods(Route, [HttpMethods.Connect], HandleAsync).ExcludeFromDescription().RequireSubscriber();
        return app;
    }

    private static async Task HandleAsync(HttpContext context, string? path)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<SubscriberConnection>>();
        var keys = services.GetRequiredService<ApiKeyOptions>();
        var nodePath = NodePath.Parse(path);
        // Refused credentials never get here (RequireSubscriber); none at all do, on a private server.
        var authenticated = context.User.Identity?.IsAuthenticated == true || keys.AllowAnonymousReads;
        var refusal = CheckRequest(context.Request, context.WebSockets.IsWebSocketRequest, out var envelope, out var start, out var extensions, out var inline);
        if (refusal is { } refused)
        {
            await RefuseAsync(context, logger, nodePath, refused.Status, refused.Detail);
            return;
        }

        var catalog = services.GetRequiredService<INodeCatalog>();
        Node? node = null;
        if (authenticated)
        {
            node = await catalog.FindAsync(nodePath, context.RequestAborted);
            if (node is null)
            {
                await RefuseAsync(context, logger, nodePath, StatusCodes.Status404NotFound, new NodeNotFoundException(nodePath).Message);
                return;
            }
        }

        var options = services.GetService<StreamSocketOptions>() ?? StreamSocketOptions.Default;
        var clock = services.GetRequiredService<TimeProvider>();
        var links = StreamLinks.For(context.Request);
        using var socket = await StreamRequests.AcceptAsync(context, options);
        if (node is null)
        {
            // No credentials on a private server: the first frame must authenticate, then the node is looked up.
            var (ok, closeCode) = await new FirstMessageAuthenticator(socket, services.GetRequiredService<CredentialVerifier>(), options, clock).AuthenticateAsync(context.RequestAborted);
            if (!ok)
            {
                StreamSocketLog.AuthMessageRejected(logger, nodePath.ToString(), closeCode ?? 0);
                return;
            }

            node = await catalog.FindAsync(nodePath, context.RequestAborted);
            if (node is null)
            {
                await SocketCloser.CloseAsync(socket, StreamCloseCodes.NodeNotFound, new NodeNotFoundException(nodePath).Message,
                    null, options.CloseTimeout, clock);
                StreamSocketLog.SubscriberLeft(logger, nodePath.ToString(), StreamCloseCodes.NodeNotFound, "server", 0);
                return;
            }
        }

        await StreamAsync(context, socket, node, new SubscriptionRequest(envelope, start, extensions, inline, links), options, clock, logger);
    }

    private static async Task StreamAsync(HttpContext context, System.Net.WebSockets.WebSocket socket, Node node,
        SubscriptionRequest request, StreamSocketOptions options, TimeProvider clock, ILogger logger)
    {
        var (envelope, start, extensions, inline, links) = request;
        var services = context.RequestServices;
        var nodePath = node.Path.ToString();
        var metrics = services.GetRequiredService<TiledMetrics>();
        var connection = new SubscriberConnection(socket, options, clock, metrics, extensions);
        (int? Code, string ClosedBy) closed;
        metrics.Subscribers.Inc();
        try
        {
            // The subscription joins the node's live stream before the schema goes out: a client that acts on the schema
            // must not miss what follows.
            await using var subscription = await services.GetRequiredService<ISender>().Send(new OpenSubscriptionCommand(node, start, envelope,
                extensions, inline, links(nodePath), connection.Sink, connection.Resume), context.RequestAborted);
            StreamSocketLog.SubscriberJoined(logger, nodePath, envelope == EnvelopeFormat.Msgpack ? "msgpack" : "json", start);
            closed = await connection.RunAsync(subscription, context.RequestAborted,
                services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Opening the subscription failed (e.g. the cache is unreachable): a transient error, the client reconnects.
            LiveStreamLog.SubscriptionFailed(logger, e, nodePath);
            metrics.CacheErrors.Inc();
            await SocketCloser.CloseAsync(socket, StreamCloseCodes.InternalError, StreamCloseCodes.InternalErrorReason, null,
                options.CloseTimeout, clock);
            closed = (StreamCloseCodes.InternalError, "server");
        }

        finally
        {
            metrics.Subscribers.Dec();
        }

        StreamSocketLog.SubscriberLeft(logger, nodePath, closed.Code, closed.ClosedBy, connection.MessagesSent);
    }

    /// <summary>Validates what can be judged without credentials; null when the request may go on.</summary>
    private static (int Status, string Detail)? CheckRequest(HttpRequest request, bool isUpgrade, out EnvelopeFormat envelope, out long? start,
        out bool extensions, out bool inline)
    {
        start = null;
        extensions = false;
        inline = false;
        if (StreamRequests.CheckUpgradeAndEnvelope(request, isUpgrade, out envelope) is { } refused)
        {
            return refused;
        }

        try
        {
            extensions = QueryParsers.Bool(QueryParameters.Extensions.From(request).ToString(), QueryParameters.Extensions.Name, false);
            inline = QueryParsers.Bool(QueryParameters.Inline.From(request).ToString(), QueryParameters.Inline.Name, false);
        }
        catch (QueryParameterException e)
        {
            return (StatusCodes.Status400BadRequest, e.Message);
        }

        var startText = QueryParameters.Start.From(request).ToString();
        if (startText.Length > 0)
        {
            if (!long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return (StatusCodes.Status400BadRequest, "start must be a non-negative integer.");
            }

            start = value;
        }

        return null;
    }

    private static Task RefuseAsync(HttpContext context, ILogger logger, NodePath nodePath, int status, string detail) =>
        StreamRequests.RefuseAsync(context, logger, nodePath.ToString(), status, detail);

    /// <summary>What the subscriber asked for in the query.</summary>
    private readonly record struct SubscriptionRequest(EnvelopeFormat Envelope, long? Start, bool Extensions, bool Inline, Func<string, ArrayRefLinks> Links);
}
