using System.Globalization;
using StackExchange.Redis;

namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// Tiled's Redis key layout (<c>sequence:{id}</c>, <c>data:{id}:{seq}</c>, channel
/// <c>notify:{id}</c>), each name behind a prefix. The server's prefix is
/// <see cref="CatalogPrefix"/>: node ids are only unique within one catalog, so every name carries
/// the catalog's identity (docs/decisions/0006-stream-keys-per-catalog.md).
/// </summary>
internal sealed class RedisStreamKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>
    /// <c>{deploymentPrefix}{catalogId}:</c>, e.g. <c>tiled:0f8fad5b-d9cb-469f-a165-70867728950e:</c>
    /// before <c>sequence:42</c>; <paramref name="deploymentPrefix"/> is <c>CacheKeyPrefix</c>, often empty.
    /// </summary>
    public static string CatalogPrefix(string deploymentPrefix, Guid catalogId) =>
        string.Create(CultureInfo.InvariantCulture, $"{deploymentPrefix}{catalogId:D}:");

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
