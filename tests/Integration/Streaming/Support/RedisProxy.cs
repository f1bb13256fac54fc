using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tiled.IntegrationTests.Streaming.Support;

/// <summary>
/// A TCP relay on loopback in front of the test Redis, so that one server's pub/sub connection can
/// be cut without touching anybody else's (<c>CLIENT KILL TYPE pubsub</c> would hit every pub/sub
/// client of the shared Redis, including other test runs). A connection counts as pub/sub once
/// the client sent a <c>SUBSCRIBE</c> command through it, as StackExchange.Redis does on its
/// subscription connection.
/// </summary>
public sealed class RedisProxy : IAsyncDisposable
{
    private static readonly byte[] Subscribe = Encoding.ASCII.GetBytes("SUBSCRIBE");
    private static readonly byte[] SubscribeReply = Encoding.ASCII.GetBytes("subscribe");

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Relay, byte> _relays = new();
    private readonly Task _accepting;
    private TaskCompletionSource _pubSubUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RedisProxy(IPEndPoint target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptLoopAsync();
    }

    /// <summary>The relay's own port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts a relay to <paramref name="hostPort"/> (e.g. <c>127.0.0.1:6379</c>).</summary>
    public static async Task<RedisProxy> StartAsync(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        var host = colon < 0 ? hostPort : hostPort[..colon];
        var port = colon < 0 ? 6379 : int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : (await Dns.GetHostAddressesAsync(host))[0];
        return new RedisProxy(new IPEndPoint(address, port));
    }

    /// <summary>
    /// Completes once a pub/sub connection is up through the relay (Redis confirmed a SUBSCRIBE on
    /// it): initially, and after <see cref="KillPubSubConnections"/> once the client reconnected.
    /// </summary>
    public Task PubSubConnected => Volatile.Read(ref _pubSubUp).Task;

    /// <summary>Closes every relayed pub/sub connection (both ends); returns how many were cut.</summary>
    public int KillPubSubConnections()
    {
        Interlocked.Exchange(ref _pubSubUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var killed = 0;
        foreach (var relay in _relays.Keys.Where(r => r.IsPubSub && !r.IsCut))
        {
            relay.Cut();
            killed++;
        }

        return killed;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var relay in _relays.Keys)
        {
            relay.Cut();
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            var relay = new Relay(client, server, () => Volatile.Read(ref _pubSubUp).TrySetResult());
            _relays[relay] = 0;
            _ = relay.RunAsync().ContinueWith(_ => _relays.TryRemove(relay, out var _), TaskScheduler.Default);
        }
    }

    private sealed class Relay(TcpClient client, TcpClient server, Action onPubSub)
    {
        private int _cut;
        private volatile bool _pubSub;

        public bool IsPubSub => _pubSub;

        public bool IsCut => Volatile.Read(ref _cut) != 0;

        public async Task RunAsync()
        {
            var upstream = PumpAsync(client.GetStream(), server.GetStream(), upstream: true);
            var downstream = PumpAsync(server.GetStream(), client.GetStream(), upstream: false);
            await Task.WhenAny(upstream, downstream);
            Cut();
            await Task.WhenAll(Quietly(upstream), Quietly(downstream));
        }

        public void Cut()
        {
            if (Interlocked.Exchange(ref _cut, 1) != 0)
            {
                return;
            }

            // Linger 0: a reset, as when Redis drops a killed client.
            client.Client.LingerState = new LingerOption(true, 0);
            server.Client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            server.Dispose();
        }

        private async Task PumpAsync(NetworkStream from, NetworkStream to, bool upstream)
        {
            var buffer = new byte[64 * 1024];
            var carry = Array.Empty<byte>();
            var confirmed = false;
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                // Upstream: a SUBSCRIBE command marks the pub/sub connection. Downstream: Redis's
                // "subscribe" reply on it means the subscription is back.
                var watching = upstream ? !_pubSub : _pubSub && !confirmed;
                var found = false;
                if (watching)
                {
                    var window = carry.Concat(buffer.Take(read)).ToArray();
                    found = window.AsSpan().IndexOf(upstream ? Subscribe : SubscribeReply) >= 0;
                    carry = window[Math.Max(0, window.Length - Subscribe.Length)..];
                }

                if (found && upstream)
                {
                    // Before forwarding, so that the reply cannot overtake the mark.
                    _pubSub = true;
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
                if (found && !upstream)
                {
                    confirmed = true;
                    onPubSub();
                }
            }
        }

        private static async Task Quietly(Task task)
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // A cut connection fails its pending reads and writes.
            }
        }
    }
}
