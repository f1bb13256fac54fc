namespace Tiled.Infrastructure.Streaming;

/// <summary>
/// One node's retained entries, oldest first. Numbers are consecutive (appends take the next
/// number and entries only ever leave from the oldest end), so an entry is found by arithmetic.
/// </summary>
internal sealed class InMemoryEntryRing
{
    private InMemoryRetainedEntry?[] _items = [];
    private int _head;

    public int Count { get; private set; }

    public InMemoryRetainedEntry Oldest => this[0];

    public InMemoryRetainedEntry this[int index] =>
        (uint)index < (uint)Count
            ? _items[(_head + index) % _items.Length] ?? throw new InvalidOperationException("Ring slot is empty.")
            : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(InMemoryRetainedEntry entry)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) % _items.Length] = entry;
        Count++;
    }

    public InMemoryRetainedEntry RemoveOldest()
    {
        var entry = Oldest;
        _items[_head] = null;
        _head = (_head + 1) % _items.Length;
        Count--;
        if (Count == 0)
        {
            // A burst's peak capacity is not kept once the node is empty.
            _items = [];
            _head = 0;
        }

        return entry;
    }

    private void Grow()
    {
        var larger = new InMemoryRetainedEntry?[Math.Max(16, _items.Length * 2)];
        for (var i = 0; i < Count; i++)
        {
            larger[i] = this[i];
        }

        _items = larger;
        _head = 0;
    }
}
