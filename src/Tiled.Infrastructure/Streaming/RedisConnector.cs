using System.Globalization;
using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// Opens a <see cref="ConnectionMultiplexer"/> and fails fast when Redis cannot be reached at
/// start-up. StackExchange.Redis 1.2.6 with <c>abortConnect=false</c> returns a disconnected
/// multiplexer in that case (and would keep retrying); we check <c>IsConnected</c> instead.
/// </summary>
internal static class RedisConnector
{
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisConnectionSettings settings)
    {
        using var connectLog = new StringWriter(CultureInfo.InvariantCulture);
        var connecting = ConnectionMultiplexer.ConnectAsync(settings.Options, connectLog);
        ConnectionMultiplexer redis;
        try
        {
            // The library bounds the attempt by ConnectTimeout; this guards against it hanging anyway.
            redis = await connecting.WaitAsync(RedisConnectionSettings.ConnectTimeout * 2).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ = connecting.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw Unreachable(settings, "no answer within the connect timeout");
        }
        catch (RedisConnectionException ex)
        {
            throw Unreachable(settings, ex.Message, ex);
        }

        if (!redis.IsConnected)
        {
            redis.Dispose();
            throw Unreachable(settings, FailureFrom(connectLog.ToString()));
        }

        return redis;
    }

    private static InvalidOperationException Unreachable(RedisConnectionSettings settings, string reason, Exception? inner = null) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Cannot reach Redis at {settings.Endpoint}: {reason}"), inner);

    /// <summary>The library's own words for the failure, e.g. "SocketFailure on PING" or "AuthenticationFailure on PING".</summary>
    private static string FailureFrom(string connectLog)
    {
        const string marker = " faulted: ";
        var reason = connectLog
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? line[(at + marker.Length)..] : null)
            .LastOrDefault(r => r is not null);
        return reason is null
            ? string.Create(CultureInfo.InvariantCulture, $"not connected within {RedisConnectionSettings.ConnectTimeout.TotalSeconds:0} s")
            : reason;
    }
}
