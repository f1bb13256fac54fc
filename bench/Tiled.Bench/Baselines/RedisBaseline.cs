using StackExchange.Redis;
using Tiled.Bench.Measure;

namespace Tiled.Bench.Baselines;

/// <summary>
/// Raw Redis figures through StackExchange.Redis 1.2.6 against the server's own Redis: sequential
/// PING and GET round trips, GETs pipelined in batches, and SET then GET of large values (what
/// storing and reading back one frame's payload costs at best). Uses keys of its own, deleted after.
/// </summary>
internal sealed class RedisBaseline : IDisposable
{
    public const int PipelineDepth = 1000;
    private const int ValueBytes = 40;

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly RedisKey _key;

    private RedisBaseline(ConnectionMultiplexer redis, string key)
    {
        _redis = redis;
        _db = redis.GetDatabase();
        _key = key;
    }

    public static async Task<RedisBaseline> ConnectAsync(string endpoint, string key)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync($"{endpoint},abortConnect=false,syncTimeout=10000");
        var baseline = new RedisBaseline(redis, key);
        await baseline._db.StringSetAsync(baseline._key, new byte[ValueBytes]);
        return baseline;
    }

    public Task<LoadResult> PingAsync(TimeSpan duration, CancellationToken ct) =>
        LoadLoop.ClosedAsync(1, duration, null, async (_, _, _) =>
        {
            await _db.PingAsync();
            return true;
        }, ct);

    public Task<LoadResult> GetAsync(TimeSpan duration, CancellationToken ct) =>
        LoadLoop.ClosedAsync(1, duration, null, async (_, _, _) => (await _db.StringGetAsync(_key)).HasValue, ct);

    /// <summary>One operation = a batch of <see cref="PipelineDepth"/> GETs sent together and awaited together.</summary>
    public Task<LoadResult> PipelinedGetAsync(TimeSpan duration, CancellationToken ct) =>
        LoadLoop.ClosedAsync(1, duration, null, async (_, _, _) =>
        {
            var batch = _db.CreateBatch();
            var gets = new Task<RedisValue>[PipelineDepth];
            for (var i = 0; i < gets.Length; i++)
            {
                gets[i] = batch.StringGetAsync(_key);
            }

            batch.Execute();
            await Task.WhenAll(gets);
            return gets.All(g => g.Result.HasValue);
        }, ct);

    /// <summary>One operation = SET of a <paramref name="bytes"/>-byte value, then GET of it back.</summary>
    public Task<LoadResult> SetThenGetAsync(int bytes, TimeSpan duration, CancellationToken ct)
    {
        var value = new byte[bytes];
        RedisKey key = $"{_key}:large";
        return LoadLoop.ClosedAsync(1, duration, null, async (_, _, _) =>
        {
            await _db.StringSetAsync(key, value);
            return ((byte[]?)await _db.StringGetAsync(key))?.Length == bytes;
        }, ct);
    }

    public void Dispose()
    {
        _db.KeyDelete([_key, $"{_key}:large"]);
        _redis.Dispose();
    }
}
