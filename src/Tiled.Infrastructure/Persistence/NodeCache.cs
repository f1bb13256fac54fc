using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// This process's copies of recently read nodes, each with the <see cref="NodeStamp"/> it was read
/// at. A copy is used only while the database still shows that stamp, so a change made by any
/// process (or a delete and re-create under the same path) is seen at once. Nodes carry mutable
/// JSON, so each caller gets its own deep copy.
/// </summary>
internal sealed class NodeCache(int capacity = NodeCache.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Node? Get(string path, NodeStamp current) =>
        _entries.TryGetValue(path, out var entry) && entry.Stamp == current ? Copy(entry.Node) : null;

    /// <summary>Keeps <paramref name="node"/> (the caller must not hand it out) and returns a copy for the caller.</summary>
    public Node Put(string path, NodeStamp stamp, Node node)
    {
        if (_entries.Count >= capacity)
        {
            // Rare and cheap to refill: simpler than an LRU and just as bounded.
            _entries.Clear();
        }

        _entries[path] = new Entry(stamp, node);
        return Copy(node);
    }

    public void Forget(string path) => _entries.TryRemove(path, out _);

    private static Node Copy(Node node) => node with
    {
        Metadata = CopyOf(node.Metadata),
        DataSources = node.DataSources.Select(d => d with
        {
            Structure = d.Structure is null ? null : CopyOf(d.Structure),
            Parameters = CopyOf(d.Parameters),
            Properties = CopyOf(d.Properties),
        }).ToList(),
    };

    private static JsonObject CopyOf(JsonObject json) => (JsonObject)json.DeepClone();

    private sealed record Entry(NodeStamp Stamp, Node Node);
}
