namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// The one Lua script behind append and close. Running it atomically means the counter never
/// names an entry that is not stored yet, and notifications leave in the order of their numbers
/// (the INCR/publish races of Tiled's Python server, wire protocol §15.1 and §15.2).
/// </summary>
internal static class RedisAppendScript
{
    /// <summary>
    /// KEYS[1] sequence key, KEYS[2] (optional) upload key: a hash holding the payload in field
    /// <c>payload</c>, renamed into place so that the script never copies a large payload. ARGV:
    /// [1] data key prefix, [2] notify channel, [3] metadata JSON, [4] payload (empty = no
    /// <c>payload</c> field, or the upload's), [5] data TTL s, [6] counter TTL s, [7] writer token
    /// (empty = no <c>writer</c> field; see <see cref="RecentPayloads"/>). Returns the new sequence
    /// number; fails before numbering anything when the upload is missing.
    /// </summary>
    /// <remarks>
    /// DEL first: after the counter restarts, a number can name an entry of the previous numbering
    /// that has not expired yet, and HSET alone would leave its old payload field in place.
    /// </remarks>
    public const string Source = """
        if KEYS[2] and redis.call('EXISTS', KEYS[2]) == 0 then
          return redis.error_reply('the uploaded payload is missing')
        end
        local seq = redis.call('INCR', KEYS[1])
        local key = ARGV[1] .. seq
        redis.call('DEL', key)
        if KEYS[2] then
          redis.call('RENAME', KEYS[2], key)
          redis.call('HSET', key, 'sequence', seq, 'metadata', ARGV[3])
        elseif #ARGV[4] == 0 then
          redis.call('HSET', key, 'sequence', seq, 'metadata', ARGV[3])
        else
          redis.call('HSET', key, 'sequence', seq, 'metadata', ARGV[3], 'payload', ARGV[4])
        end
        if #ARGV[7] > 0 then
          redis.call('HSET', key, 'writer', ARGV[7])
        end
        redis.call('EXPIRE', key, ARGV[5])
        redis.call('EXPIRE', KEYS[1], ARGV[6])
        redis.call('PUBLISH', ARGV[2], seq)
        return seq
        """;
}
