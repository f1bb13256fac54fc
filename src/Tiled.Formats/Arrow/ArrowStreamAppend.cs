using System.Buffers.Binary;
using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Appending record batches to a stored Arrow IPC stream in place: a stream is its schema message,
/// dictionary and record batch messages, and an end-of-stream marker, so new batches replace the
/// marker and end with one. The messages are Apache.Arrow's (dictionaries of a new batch follow as
/// replacement dictionary batches, which the stream format allows).
/// </summary>
public static class ArrowStreamAppend
{
    private const uint ContinuationMarker = 0xFFFFFFFF;

    /// <summary>The end-of-stream marker: a continuation and a zero length.</summary>
    public static ReadOnlySpan<byte> EndOfStream => [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    /// <summary>
    /// What to write over the end-of-stream marker of a stream whose schema is <paramref name="schema"/>:
    /// the messages of <paramref name="batches"/> and a new marker.
    /// </summary>
    public static ReadOnlyMemory<byte> Continuation(ArrowSchema schema, IEnumerable<RecordBatch> batches)
    {
        var schemaMessage = IpcOutput.SchemaMessage(schema);
        var stream = IpcOutput.ToMemory(schema, batches, file: false);
        return stream.Span.StartsWith(schemaMessage)
            ? stream[schemaMessage.Length..]
            : throw new InvalidOperationException("Apache.Arrow wrote a different schema message than for the schema alone.");
    }

    /// <summary>The schema of the stream in <paramref name="file"/>, from its leading message; the position is left after it.</summary>
    public static async Task<ArrowSchema> ReadSchemaAsync(Stream file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var prefix = new byte[8];
        file.Seek(0, SeekOrigin.Begin);
        await file.ReadExactlyAsync(prefix, ct).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != ContinuationMarker || length <= 0 || length > file.Length - prefix.Length)
        {
            throw new ArrowFormatException("The stream does not start with a schema message.");
        }

        var message = new byte[prefix.Length + length];
        prefix.CopyTo(message, 0);
        await file.ReadExactlyAsync(message.AsMemory(prefix.Length), ct).ConfigureAwait(false);
        return IpcInput.ReadStreamSchema(message);
    }

    /// <summary>Where the end-of-stream marker of the stream in <paramref name="file"/> starts; a stream without one at its end is a format error.</summary>
    public static async Task<long> MarkerPositionAsync(Stream file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var tail = new byte[EndOfStream.Length];
        var position = file.Length - tail.Length;
        if (position < 0)
        {
            throw new ArrowFormatException("The stream is too short to end with an end-of-stream marker.");
        }

        file.Seek(position, SeekOrigin.Begin);
        await file.ReadExactlyAsync(tail, ct).ConfigureAwait(false);
        return tail.AsSpan().SequenceEqual(EndOfStream)
            ? position
            : throw new ArrowFormatException("The stream does not end with an end-of-stream marker.");
    }
}
