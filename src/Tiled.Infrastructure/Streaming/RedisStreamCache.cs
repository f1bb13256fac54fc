using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tiled.Application.Abstractions;
using StreamEntry = Tiled.Application.Abstractions.StreamEntry;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The stream cache in Redis, with Tiled's key layout (wire protocol §9.10) under a key prefix
/// (the server's names its catalog, <see cref="RedisStreamKeys.CatalogPrefix"/>): counter <c>sequence:{id}</c>, entries <c>data:{id}:{seq}</c> (hash of <c>sequence</c>,
/// <c>metadata</c>, <c>payload</c>), notifications on channel <c>notify:{id}</c>. Append and close
/// run as one Lua script, so numbering, storage and publication are atomic and in order. Live
/// feeds share one subscription connection; when it drops, every feed ends with
/// <see cref="LiveFeedLostException"/>.
/// </summary>
/// <remarks>
/// Connected by URI, it opens two multiplexers: notifications need their callbacks in order
/// (<see cref="IConnectionMultiplexer.PreserveAsyncOrder"/>), which runs every completion through
/// one queue; commands do not, and complete a fifth faster without it.
/// </remarks>
public sealed class RedisStreamCache : IStreamCache, IAsyncDisposable
{
    /// <summary>Entries read per pipelined batch by <see cref="GetRangeAsync"/>.</summary>
    internal const int ReadChunkSize = 1000;

    private const string DefaultClientName = "tiled";

    /// <summary>Large payloads this process appended, kept to spare its live readers reading them back.</summary>
    internal const long RecentPayloadBytes = 128L * 1024 * 1024;

    private static readonly TimeSpan UploadTtl = TimeSpan.FromMinutes(1);
    private static readonly RedisValue[] EntryFields = ["metadata", "payload"];
    private static readonly RedisValue[] EntryFieldsWithoutPayload = ["metadata", "writer"];

    private readonly IConnectionMultiplexer _commands;
    private readonly IConnectionMultiplexer _notifications;
    private readonly IDatabase _database;
    private readonly RedisStreamKeys _keys;
    private readonly RedisFeedRegistry _feeds;
    private readonly ILogger<RedisStreamCache> _logger;
    private readonly bool _ownsConnection;
    private readonly RecentPayloads _recent = new(RecentPayloadBytes);
    private readonly int _dataTtlSeconds;
    private readonly int _seqTtlSeconds;
    private readonly int _closedSeqTtlSeconds;
    private readonly TimeSpan _timeout;
    private int _disposed;

    // 1 from a call that timed out until a PING answers (ProbeUntilAnsweredAsync runs meanwhile).
    private int _unanswered;

    /// <summary>
    /// Uses an existing connection, which stays the caller's to close. It must keep
    /// <see cref="IConnectionMultiplexer.PreserveAsyncOrder"/> on (the default): notifications are
    /// only delivered in order that way, and this constructor switches it on.
    /// </summary>
    public RedisStreamCache(IConnectionMultiplexer redis, StreamCacheOptions options, ILogger<RedisStreamCache> logger, string keyPrefix = "")
        : this(redis, redis, options, logger, keyPrefix, ownsConnection: false)
    {
    }

    /// <summary>
    /// False while the command connection is down (it reconnects by itself), and from a call that
    /// went unanswered for the whole timeout until Redis answers a PING again: a frozen Redis keeps
    /// its connection, and writes must be refused before they store, not stored and then not announced.
    /// </summary>
    public bool IsAvailable => _commands.IsConnected && Volatile.Read(ref _unanswered) == 0;

    private RedisStreamCache(IConnectionMultiplexer commands, IConnectionMultiplexer notifications, StreamCacheOptions options,
        ILogger<RedisStreamCache> logger, string keyPrefix, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DataTtlSeconds, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SeqTtlSeconds, 1, nameof(options));

        _commands = commands;
        _notifications = notifications;
        _database = commands.GetDatabase();
        _keys = new RedisStreamKeys(keyPrefix);
        _feeds = new RedisFeedRegistry(notifications.GetSubscriber(), _keys, logger, options.CallTimeout);
        _logger = logger;
        _ownsConnection = ownsConnection;
        _dataTtlSeconds = options.DataTtlSeconds;
        _seqTtlSeconds = options.SeqTtlSeconds;
        _closedSeqTtlSeconds = options.DataTtlSeconds + 1;
        _timeout = options.CallTimeout;
        foreach (var redis in Multiplexers)
        {
            redis.ConnectionFailed += OnConnectionFailed;
            redis.ConnectionRestored += OnConnectionRestored;
        }
    }

    /// <summary>
    /// Connects to <paramref name="uri"/> (<c>redis://[:password@]host[:port][/db]</c>, or
    /// <c>rediss://</c> for TLS) within about 5 s. Throws <see cref="InvalidOperationException"/>
    /// ("Cannot reach Redis at host:port: …") when the server cannot be reached now; once connected,
    /// lost connections are re-established in the background.
    /// </summary>
    public static Task<RedisStreamCache> ConnectAsync(string uri, StreamCacheOptions options, string keyPrefix, ILogger<RedisStreamCache> logger) =>
        ConnectAsync(uri, options, keyPrefix, logger, DefaultClientName);

    /// <summary>As the public overload, naming the connections <paramref name="clientName"/> (CLIENT LIST).</summary>
    internal static async Task<RedisStreamCache> ConnectAsync(string uri, StreamCacheOptions options, string keyPrefix, ILogger<RedisStreamCache> logger, string clientName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = RedisConnectionSettings.Parse(uri, clientName);
        var notifications = await RedisConnector.ConnectAsync(settings).ConfigureAwait(false);
        ConnectionMultiplexer commands;
        try
        {
            commands = await RedisConnector.ConnectAsync(settings.WithoutSubscriptions()).ConfigureAwait(false);
        }
        catch
        {
            notifications.Dispose();
            throw;
        }

        StreamingLog.Connected(logger, settings.Endpoint, keyPrefix);
        return new RedisStreamCache(commands, notifications, options, logger, keyPrefix, ownsConnection: true);
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, CancellationToken ct) =>
        RunAppendScriptAsync(nodeId, metadataJson, payload, _seqTtlSeconds, ct);

    /// <inheritdoc />
    public Task<long> CloseAsync(long nodeId, ReadOnlyMemory<byte> markerJson, CancellationToken ct) =>
        RunAppendScriptAsync(nodeId, markerJson, ReadOnlyMemory<byte>.Empty, _closedSeqTtlSeconds, ct);

    /// <inheritdoc />
    public async Task<long> CurrentSequenceAsync(long nodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var value = await BoundedAsync(_database.StringGetAsync(_keys.Sequence(nodeId)), ct).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads are pipelined, <see cref="ReadChunkSize"/> entries per round trip. The range is clamped
    /// to the current counter, so entries of an earlier numbering that have not expired yet are
    /// never returned.
    /// </remarks>
    public async Task<IReadOnlyList<StreamEntry>> GetRangeAsync(long nodeId, long from, long to, CancellationToken ct)
    {
        var start = Math.Max(from, 1);
        var end = Math.Min(to, await CurrentSequenceAsync(nodeId, ct).ConfigureAwait(false));
        if (start > end)
        {
            return [];
        }

        var entries = new List<StreamEntry>((int)Math.Min(end - start + 1, ReadChunkSize));
        for (var chunkStart = start; chunkStart <= end; chunkStart += ReadChunkSize)
        {
            ct.ThrowIfCancellationRequested();
            var chunkEnd = Math.Min(end, chunkStart + ReadChunkSize - 1);
            var reads = new Task<RedisValue[]>[chunkEnd - chunkStart + 1];
            var kept = new RecentPayloads.Payload?[reads.Length];
            var batch = _database.CreateBatch();
            for (var i = 0; i < reads.Length; i++)
            {
                kept[i] = _recent.Find(nodeId, chunkStart + i);
                reads[i] = batch.HashGetAsync(_keys.Data(nodeId, chunkStart + i), kept[i] is null ? EntryFields : EntryFieldsWithoutPayload);
            }

            batch.Execute();
            await BoundedAsync(Task.WhenAll(reads), ct).ConfigureAwait(false);
            for (var i = 0; i < reads.Length; i++)
            {
                var fields = await reads[i].ConfigureAwait(false);
                if (fields[0].IsNull)
                {
                    continue;
                }

                var sequence = chunkStart + i;
                var payload = kept[i] switch
                {
                    // The casts hand over the arrays Redis read into; nothing is copied again.
                    null => fields[1].IsNull ? ReadOnlyMemory<byte>.Empty : ((byte[]?)fields[1])!,
                    { } copy when copy.Token == (string?)fields[1] => copy.Bytes,
                    // Another writer's entry under the same number: read its payload after all.
                    _ => await BoundedAsync(ReadPayloadAsync(nodeId, sequence), ct).ConfigureAwait(false),
                };
                entries.Add(new StreamEntry(sequence, ((byte[]?)fields[0])!, payload));
            }
        }

        return entries;
    }

    private async Task<ReadOnlyMemory<byte>> ReadPayloadAsync(long nodeId, long sequence)
    {
        var payload = await _database.HashGetAsync(_keys.Data(nodeId, sequence), "payload").ConfigureAwait(false);
        return payload.IsNull ? ReadOnlyMemory<byte>.Empty : ((byte[]?)payload)!;
    }

    /// <inheritdoc />
    public Task<ILiveFeed> SubscribeAsync(long nodeId, CancellationToken ct) => _feeds.SubscribeAsync(nodeId, ct);

    /// <inheritdoc />
    /// <remarks>
    /// The counter is read and deleted in one command (GETDEL), then the entries it numbered,
    /// <c>data:{id}:1</c> to <c>data:{id}:{counter}</c>, are unlinked in pipelined batches of
    /// <see cref="ReadChunkSize"/> keys (never a key scan). Entries of an earlier numbering above
    /// the counter were already invisible (reads are clamped to the counter) and expire on their own.
    /// </remarks>
    public async Task RemoveAsync(long nodeId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var counterKey = _keys.Sequence(nodeId);
        var last = (long?)await BoundedAsync(_database.StringGetDeleteAsync(counterKey), ct).ConfigureAwait(false) ?? 0;

        var unlinks = new List<Task>();
        for (var first = 1L; first <= last; first += ReadChunkSize)
        {
            var keys = new object[Math.Min(ReadChunkSize, last - first + 1)];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = _keys.Data(nodeId, first + i);
            }

            unlinks.Add(_database.ExecuteAsync("UNLINK", keys));
        }

        await BoundedAsync(Task.WhenAll(unlinks), ct).ConfigureAwait(false);
        _recent.Forget(nodeId);
    }

    /// <summary>
    /// Ends the remaining live feeds with <see cref="LiveFeedLostException"/> (subscribers reconnect,
    /// e.g. to the next instance) and closes the connection if this cache opened it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var redis in Multiplexers)
        {
            redis.ConnectionFailed -= OnConnectionFailed;
            redis.ConnectionRestored -= OnConnectionRestored;
        }

        _feeds.Close("The stream cache is shutting down.");
        if (_ownsConnection)
        {
            foreach (var redis in Multiplexers)
            {
                await redis.CloseAsync(allowCommandsToComplete: true).ConfigureAwait(false);
                redis.Dispose();
            }
        }
    }

    private IConnectionMultiplexer[] Multiplexers => _commands == _notifications ? [_commands] : [_commands, _notifications];

    private async Task<long> RunAppendScriptAsync(long nodeId, ReadOnlyMemory<byte> metadataJson, StreamPayload payload, int counterTtlSeconds, CancellationToken ct)
    {
        // Not cancellable once sent: the entry is then numbered and announced whatever the caller does.
        ct.ThrowIfCancellationRequested();
        var token = _recent.TokenFor(payload);
        var inline = payload.Bytes;
        RedisKey[] keys = [_keys.Sequence(nodeId)];
        Task upload = Task.CompletedTask;
        if (payload.Length >= RecentPayloads.MinimumBytes)
        {
            // Sent ahead on the same connection, so Redis has it before the script runs; a Lua
            // argument would be copied twice more. The TTL clears an upload whose script never ran.
            var key = _keys.Upload(Guid.NewGuid());
            keys = [keys[0], key];
            var transaction = _database.CreateTransaction();
            _ = transaction.HashSetAsync(key, "payload", AsRedisValue(payload.Bytes));
            _ = transaction.KeyExpireAsync(key, UploadTtl);
            upload = transaction.ExecuteAsync();
            inline = ReadOnlyMemory<byte>.Empty;
        }

        var script = _database.ScriptEvaluateAsync(
            RedisAppendScript.Source,
            keys,
            [
                _keys.DataPrefix(nodeId),
                _keys.NotifyName(nodeId),
                AsRedisValue(metadataJson),
                AsRedisValue(inline),
                _dataTtlSeconds,
                counterTtlSeconds,
                token ?? "",
            ]);
        // Bounded: a Redis that stopped answering (frozen, unreachable) fails the call instead of holding the request.
        await BoundedAsync(Task.WhenAll(upload, script), CancellationToken.None).ConfigureAwait(false);
        var sequence = (long)await script.ConfigureAwait(false);
        if (token is not null)
        {
            _recent.Remember(nodeId, sequence, token, payload.Bytes);
        }

        return sequence;
    }

    /// <summary>Uses the caller's array as is when the memory spans all of it; copies only slices.</summary>
    private static RedisValue AsRedisValue(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is { } array && segment.Offset == 0 && segment.Count == array.Length
            ? array
            : bytes.ToArray();

    /// <summary>Awaits <paramref name="call"/> for at most the call timeout; one that times out makes the cache unavailable until Redis answers.</summary>
    private async Task<T> BoundedAsync<T>(Task<T> call, CancellationToken ct)
    {
        try
        {
            return await call.WaitAsync(_timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            MarkUnanswered();
            throw;
        }
    }

    private async Task BoundedAsync(Task call, CancellationToken ct)
    {
        try
        {
            await call.WaitAsync(_timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            MarkUnanswered();
            throw;
        }
    }

    private void MarkUnanswered()
    {
        if (Interlocked.Exchange(ref _unanswered, 1) == 0)
        {
            StreamingLog.Unanswered(_logger, _timeout.TotalSeconds);
            _ = ProbeUntilAnsweredAsync();
        }
    }

    private async Task ProbeUntilAnsweredAsync()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            await Task.Delay(RedisConnectionSettings.ReconnectInterval).ConfigureAwait(false);
            try
            {
                await _database.PingAsync().WaitAsync(_timeout).ConfigureAwait(false);
                Volatile.Write(ref _unanswered, 0);
                StreamingLog.AnsweringAgain(_logger);
                return;
            }
            catch (Exception e) when (e is TimeoutException or RedisException)
            {
                // Still not answering.
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            StreamingLog.ConnectionFailed(_logger, e.ConnectionType, e.EndPoint, e.FailureType);
            return;
        }

        var ended = _feeds.FailAll(string.Create(CultureInfo.InvariantCulture, $"The Redis subscription connection was lost ({e.FailureType})."));
        StreamingLog.SubscriptionLost(_logger, e.EndPoint, e.FailureType, ended);
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        StreamingLog.ConnectionRestored(_logger, e.ConnectionType, e.EndPoint);
}
