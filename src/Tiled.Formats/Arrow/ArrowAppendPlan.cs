namespace Tiled.Formats.Arrow;

/// <summary>
/// How to turn an existing Arrow IPC file into the same file with one more record batch: keep its
/// first <see cref="TruncateAt"/> bytes (every earlier message, untouched), then write
/// <see cref="Bytes"/> (padding, the new batch, the end-of-stream marker and a new footer listing
/// all batches). The result is <see cref="NewLength"/> bytes long, always longer than the old file.
/// </summary>
public sealed class ArrowAppendPlan
{
    internal ArrowAppendPlan(long truncateAt, byte[] bytes, ArrowSchema schema)
    {
        TruncateAt = truncateAt;
        Bytes = bytes;
        Schema = schema;
    }

    public long TruncateAt { get; }

    public byte[] Bytes { get; }

    /// <summary>The file's schema (from its footer), which the appended batch matches.</summary>
    public ArrowSchema Schema { get; }

    public long NewLength => TruncateAt + Bytes.Length;
}
