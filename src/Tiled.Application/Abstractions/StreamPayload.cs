namespace Tiled.Application.Abstractions;

/// <summary>
/// The bytes of a write, and whether anyone may still write to their memory. An
/// <see cref="Immutable"/> payload (a request body read into an array of its own, handed over with
/// <see cref="Own"/>) can be kept by the stream cache without a copy; any other payload is borrowed
/// and copied by whoever keeps it, since its owner may reuse the memory. Borrowing is the implicit,
/// safe default; only the code that allocated an array can give it away.
/// </summary>
public readonly record struct StreamPayload
{
    private StreamPayload(ReadOnlyMemory<byte> bytes, bool immutable)
    {
        Bytes = bytes;
        Immutable = immutable;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>True when nobody writes to <see cref="Bytes"/> any more (empty payloads count).</summary>
    public bool Immutable { get; }

    public int Length => Bytes.Length;

    public bool IsEmpty => Bytes.IsEmpty;

    public static StreamPayload Empty => new(ReadOnlyMemory<byte>.Empty, immutable: true);

    /// <summary>Takes <paramref name="array"/> over: the caller gives up writing to it.</summary>
    public static StreamPayload Own(byte[] array) => new(array ?? throw new ArgumentNullException(nameof(array)), immutable: true);

    public static StreamPayload Borrow(ReadOnlyMemory<byte> bytes) => new(bytes, bytes.IsEmpty);

    /// <summary><see cref="Bytes"/> themselves when immutable, otherwise a copy that the caller may keep.</summary>
    public ReadOnlyMemory<byte> KeepOrCopy() => Immutable ? Bytes : Bytes.ToArray();

    public static implicit operator StreamPayload(ReadOnlyMemory<byte> bytes) => Borrow(bytes);

    public static implicit operator StreamPayload(byte[] bytes) => Borrow(bytes);
}
