using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// StackExchange.Redis options from a Tiled cache URI, <c>redis://[:password@]host[:port][/db]</c>
/// or <c>rediss://…</c> (TLS). <see cref="Endpoint"/> is <c>host:port</c>, safe to show and log.
/// </summary>
internal sealed record RedisConnectionSettings(ConfigurationOptions Options, string Endpoint)
{
    public const int DefaultPort = 6379;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan ReconnectInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Parses <paramref name="uri"/>; error messages never repeat it, since it may hold a password.</summary>
    public static RedisConnectionSettings Parse(string uri, string clientName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("redis" or "rediss") || parsed.Host.Length == 0)
        {
            throw new ArgumentException("The Redis cache URI must look like redis://[:password@]host[:port][/db] or rediss://…", nameof(uri));
        }

        var options = new ConfigurationOptions
        {
            // Fail fast at start-up (the caller checks IsConnected), but once connected keep
            // reconnecting in the background instead of throwing.
            AbortOnConnectFail = false,
            ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds,
            ConnectRetry = 1,
            // Reconnecting is driven by the heartbeat (1 s by default) under an exponential back-off:
            // after an outage the cache stayed 503 for 1.2-1.8 s once Redis was back. A short heartbeat
            // and a steady retry make that about a quarter of a second.
            HeartbeatInterval = ReconnectInterval,
            ReconnectRetryPolicy = new LinearRetry((int)ReconnectInterval.TotalMilliseconds),
            ClientName = clientName,
            Ssl = parsed.Scheme == "rediss",
            DefaultDatabase = ParseDatabase(parsed.AbsolutePath, nameof(uri)),
        };
        var port = parsed.Port < 0 ? DefaultPort : parsed.Port;
        var host = parsed.DnsSafeHost;
        if (IPAddress.TryParse(host, out var address))
        {
            options.EndPoints.Add(new IPEndPoint(address, port));
        }
        else
        {
            options.EndPoints.Add(host, port);
            options.SslHost = options.Ssl ? host : null;
        }

        options.Password = ParsePassword(parsed.UserInfo, nameof(uri));
        return new RedisConnectionSettings(options, string.Create(CultureInfo.InvariantCulture, $"{parsed.Host}:{port}"));
    }

    /// <summary>The same connection for commands only: no subscription connection is opened.</summary>
    public RedisConnectionSettings WithoutSubscriptions()
    {
        var options = Options.Clone();
        options.CommandMap = CommandMap.Create(["SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE"], available: false);
        options.ConfigurationChannel = "";
        return this with { Options = options };
    }

    private static int? ParseDatabase(string path, string parameterName)
    {
        var text = path.Trim('/');
        if (text.Length == 0)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var database)
            ? database
            : throw new ArgumentException("The path of a Redis cache URI must be a database number, e.g. redis://host:6379/0.", parameterName);
    }

    private static string? ParsePassword(string userInfo, string parameterName)
    {
        if (userInfo.Length == 0)
        {
            return null;
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        if (user.Length > 0 && user != "default")
        {
            // StackExchange.Redis 1.2.6 sends AUTH with a password only (Redis's "default" user).
            throw new ArgumentException("Redis user names are not supported; give only a password: redis://:password@host:port.", parameterName);
        }

        return colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
    }
}
