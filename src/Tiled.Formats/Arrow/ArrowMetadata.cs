using System.Collections;
using System.Collections.Immutable;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Arrow's custom key/value metadata of a schema or field, kept verbatim: the pairs stay in the
/// order they were read or given, and values are not parsed (pandas puts JSON in the "pandas" key).
/// Keys are unique (Apache.Arrow holds metadata as a dictionary, so a duplicate could not be
/// written). Two instances are equal when they hold the same pairs in the same order.
/// </summary>
public sealed class ArrowMetadata : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<ArrowMetadata>
{
    private readonly ImmutableArray<KeyValuePair<string, string>> _pairs;

    public ArrowMetadata(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = [.. pairs];
        foreach (var pair in _pairs)
        {
            if (pair.Key is null || pair.Value is null)
            {
                throw new ArgumentException("Metadata keys and values cannot be null.", nameof(pairs));
            }
        }

        var duplicate = _pairs.GroupBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Metadata key '{duplicate.Key}' appears more than once.", nameof(pairs));
        }
    }

    /// <summary>No pairs.</summary>
    public static ArrowMetadata Empty { get; } = new([]);

    public int Count => _pairs.Length;

    public KeyValuePair<string, string> this[int index] => _pairs[index];

    /// <summary>The value of the pair with <paramref name="key"/> (ordinal comparison).</summary>
    public bool TryGetValue(string key, out string value)
    {
        foreach (var pair in _pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                value = pair.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public bool Equals(ArrowMetadata? other) =>
        other is not null && _pairs.AsSpan().SequenceEqual(other._pairs.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as ArrowMetadata);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var pair in _pairs)
        {
            hash.Add(pair.Key, StringComparer.Ordinal);
            hash.Add(pair.Value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
