using System.Globalization;
using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// Tiled's Redis key layout (<c>sequence:{id}</c>, <c>data:{id}:{seq}</c>, channel
/// <c>notify:{id}</c>), each name behind an optional prefix that isolates one deployment or test.
/// </summary>
internal sealed class RedisStreamKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    public RedisKey Sequence(long nodeId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}sequence:{nodeId}");

    /// <summary>The data key without its sequence number; the append script adds the number.</summary>
    public string DataPrefix(long nodeId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}data:{nodeId}:");

    public RedisKey Data(long nodeId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}data:{nodeId}:{sequence}");

    /// <summary>A large payload on its way into an entry (see <see cref="RedisAppendScript"/>).</summary>
    public RedisKey Upload(Guid id) => $"{Prefix}upload:{id:N}";

    public string NotifyName(long nodeId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}notify:{nodeId}");

    /// <summary>Literal, so that a prefix with <c>*</c> or <c>?</c> is never taken for a pattern.</summary>
    public RedisChannel Notify(long nodeId) => new(NotifyName(nodeId), RedisChannel.PatternMode.Literal);
}
