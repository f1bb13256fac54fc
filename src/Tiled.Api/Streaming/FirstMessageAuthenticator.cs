using System.Net.WebSockets;
using System.Security.Claims;
using System.Text.Json;
using Tiled.Api.Auth;
using Tiled.Application.Streaming.Live;
using Tiled.Domain.Principals;

namespace Tiled.Api.Streaming;

/// <summary>
/// Authentication by the first frame, for connections that came without credentials to a private
/// server (protocol §9.4; browsers cannot set headers on a WebSocket). The frame must arrive within
/// <see cref="StreamSocketOptions.AuthTimeout"/> and be <c>{"type": "auth", "api_key": "..."}</c>
/// (or <c>"connection_auth"</c>, the name Tiled's multiplexed-stream work gives it).
/// Failures close the socket: not JSON, or no frame in time ⇒ 4001 (Tiled waits forever; we do
/// not, §15.9); JSON but not an auth message ⇒ 4001; wrong or missing key (including
/// <c>access_token</c>, which single-user mode cannot check) ⇒ 4003, and a key without the read
/// scopes a subscription needs ⇒ 4003 naming the scope (<c>/stream/multi</c> requires none here: it
/// checks them per subscription). Success sends nothing.
/// </summary>
internal sealed class FirstMessageAuthenticator(WebSocket socket, CredentialVerifier verifier, StreamSocketOptions options, TimeProvider clock,
    IReadOnlyList<string>? requiredScopes = null)
{
    /// <summary>Longest auth frame read; a longer one is not an auth message.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    /// <summary>Who the first frame authenticated; null until it has.</summary>
    public ClaimsIdentity? Identity { get; private set; }

    /// <summary>
    /// True when the first frame authenticates the connection. Otherwise the socket has been closed
    /// (or aborted) and the close code is returned; null when the client left first.
    /// </summary>
    public async Task<(bool Authenticated, int? CloseCode)> AuthenticateAsync(CancellationToken ct)
    {
        var buffer = new byte[MaxMessageBytes];
        var receive = ReceiveMessageAsync(buffer);
        int? length;
        try
        {
            length = await receive.WaitAsync(options.AuthTimeout, clock, ct);
        }
        catch (TimeoutException)
        {
            return await RejectAsync(StreamCloseCodes.AuthMessageInvalid, StreamCloseCodes.AuthTimeoutReason, receive);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
            return (false, null);
        }

        if (length is not { } size)
        {
            await SocketCloser.CloseAsync(socket, (int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), "", null,
                options.CloseTimeout, clock);
            return (false, null);
        }

        var (code, reason, key) = Check(buffer.AsMemory(0, size));
        ClaimsIdentity? identity = null;
        if (code == 0)
        {
            identity = await verifier.VerifyAsync(key!, ct);
            var missing = identity is null ? null
                : (requiredScopes ?? Scopes.Subscribe).FirstOrDefault(s => !identity.HasClaim(TiledClaims.Scope, s));
            if (identity is null)
            {
                (code, reason) = (StreamCloseCodes.AuthenticationFailed, StreamCloseCodes.AuthenticationFailedReason);
            }
            else if (missing is not null)
            {
                (code, reason) = (StreamCloseCodes.AuthenticationFailed, $"Not enough permissions: requires scope '{missing}'");
            }
        }

        if (code != 0)
        {
            return await RejectAsync(code, reason, null);
        }

        Identity = identity;
        return (true, null);
    }

    /// <summary>Code 0 and the key when the frame is an auth message carrying one; otherwise why not.</summary>
    private static (int Code, string Reason, string? Key) Check(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            return (StreamCloseCodes.AuthMessageInvalid, StreamCloseCodes.NotJsonReason, null);
        }

        using (document)
        {
            var message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String || !(type.ValueEquals("auth") || type.ValueEquals("connection_auth")))
            {
                return (StreamCloseCodes.AuthMessageInvalid, StreamCloseCodes.NotAuthReason, null);
            }

            return message.TryGetProperty("api_key", out var key) && key.ValueKind == JsonValueKind.String
                ? (0, "", key.GetString() ?? "")
                : (StreamCloseCodes.AuthenticationFailed, StreamCloseCodes.AuthenticationFailedReason, null);
        }
    }

    private async Task<(bool Authenticated, int? CloseCode)> RejectAsync(int code, string reason, Task? pendingReceive)
    {
        await SocketCloser.CloseAsync(socket, code, reason, pendingReceive, options.CloseTimeout, clock);
        return (false, code);
    }

    /// <summary>
    /// Reads one whole message into <paramref name="buffer"/> and returns its length (a message
    /// longer than the buffer is cut off there); null when a close frame came instead.
    /// </summary>
    private async Task<int?> ReceiveMessageAsync(byte[] buffer)
    {
        var length = 0;
        while (true)
        {
            // Not cancellable: cancelling a receive aborts the socket, and a timeout must still close with 4001.
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage || length == buffer.Length)
            {
                return length;
            }
        }
    }
}
