using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Compression;
using ApacheIpc = Apache.Arrow.Ipc;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Reads IPC streams and files with Apache.Arrow (LZ4 and ZSTD bodies included) into our columns.
/// Whatever the library throws for bad input becomes <see cref="ArrowFormatException"/>, or
/// <see cref="ArrowNotSupportedException"/> for valid Arrow we do not handle.
/// </summary>
internal static class IpcInput
{
    /// <summary>Buffers a read may allocate beyond its input: decompressed bodies, and the copies the file reader makes.</summary>
    public const long DecompressionBudget = 512L << 20;

    // "ARROW1" and padding, a continuation marker and length, then the footer length and "ARROW1".
    private const int FileOverhead = 8 + 8 + 4 + 6;
    private const uint Continuation = 0xFFFFFFFF;

    private static readonly CompressionCodecFactory s_codecs = new();

    private static ReadOnlySpan<byte> Magic => "ARROW1"u8;

    public static ArrowTable ReadStream(ReadOnlyMemory<byte> data) => Translate(() =>
    {
        if (data.IsEmpty)
        {
            throw new ArrowFormatException("The stream is empty: it has no schema message.");
        }

        return ReadMessages(data);
    });

    /// <summary>
    /// A file is its magic, the stream format, a footer and the magic again. When the stream part
    /// starts with its schema message, it is read as a stream, sharing the input, and the footer is
    /// only checked against it (schema and batch count); otherwise (apache-arrow JS, and Apache.Arrow
    /// for a file without batches, write none), or when that read fails, the batches are read through
    /// the footer, which copies them.
    /// </summary>
    public static ArrowTable ReadFile(ReadOnlyMemory<byte> data) => Translate(() =>
    {
        var span = data.Span;
        if (span.Length < FileOverhead || !span.StartsWith(Magic) || !span.EndsWith(Magic))
        {
            throw new ArrowFormatException("The input does not start and end with the Arrow file magic \"ARROW1\".");
        }

        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(span[^10..]);
        if (footerLength <= 0 || footerLength > span.Length - FileOverhead)
        {
            throw new ArrowFormatException($"The file's footer length {footerLength} does not fit its {span.Length} bytes.");
        }

        using var reader = new ApacheIpc.ArrowFileReader(Context(data.Length), AsStream(data), leaveOpen: false);
        if (BinaryPrimitives.ReadUInt32LittleEndian(span[8..]) != Continuation || BinaryPrimitives.ReadInt32LittleEndian(span[12..]) <= 0)
        {
            return ReadAll(reader);
        }

        if (TryReadStreamPart(data[8..^(10 + footerLength)]) is not { } table)
        {
            return ReadAll(reader);
        }

        var footerBatches = reader.RecordBatchCountAsync().AsTask().GetAwaiter().GetResult();
        return ApacheSchemas.FromApache(reader.Schema).Equals(table.Schema) && footerBatches == table.Batches.Count
            ? table
            : throw new ArrowFormatException("The file's footer does not describe the schema and batches of its messages.");
    });

    public static ArrowSchema ReadStreamSchema(ReadOnlyMemory<byte> data) => Translate(() =>
    {
        using var reader = new ApacheIpc.ArrowStreamReader(Context(data.Length), data);
        return ApacheSchemas.FromApache(reader.Schema ?? throw new ArrowFormatException("The input holds no schema message."));
    });

    public static ArrowSchema ReadFileSchema(ReadOnlyMemory<byte> data) => Translate(() =>
    {
        using var reader = new ApacheIpc.ArrowFileReader(Context(data.Length), AsStream(data), leaveOpen: false);
        return ApacheSchemas.FromApache(reader.Schema);
    });

    // The stream part of apache-arrow JS files starts with a record batch, which the stream reader refuses.
    private static ArrowTable? TryReadStreamPart(ReadOnlyMemory<byte> messages)
    {
        try
        {
            return ReadMessages(messages);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            return null;
        }
    }

    /// <summary>Reads the rest of <paramref name="stream"/> into memory.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>
    /// IPC messages, sharing the input's buffers. Apache.Arrow's reader over memory ignores the
    /// context's allocator and would decompress into native memory, outside the read budget and freed
    /// by a finalizer while our columns still point at it; so a compressed body is read again through
    /// a <see cref="MemoryStream"/>, whose reader copies into the bounded, managed allocator.
    /// </summary>
    private static ArrowTable ReadMessages(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var reader = new ApacheIpc.ArrowStreamReader(new ArrowContext(compressionCodecFactory: CompressedBodyFound.Factory), data);
            return ReadAll(reader);
        }
        catch (CompressedBodyFound)
        {
            using var reader = new ApacheIpc.ArrowStreamReader(Context(data.Length), AsStream(data));
            return ReadAll(reader);
        }
    }

    private static ArrowTable ReadAll(ApacheIpc.ArrowStreamReader reader)
    {
        var schema = ApacheSchemas.FromApache(reader.Schema ?? throw new ArrowFormatException("The input holds no schema message."));
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                batches.Add(ApacheColumns.FromApache(schema, batch));
            }
        }

        return new ArrowTable(schema, batches);
    }

    private static ArrowContext Context(long inputLength) =>
        new(new BoundedAllocator(ReadBudget(inputLength)), s_codecs, null);

    /// <summary>The most a read of <paramref name="inputLength"/> bytes may decode to: twice the input, plus <see cref="DecompressionBudget"/>.</summary>
    internal static long ReadBudget(long inputLength) => (2 * inputLength) + DecompressionBudget;

    internal static MemoryStream AsStream(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    /// <summary>Runs a read, turning whatever a library throws for bad input into our two exceptions (<paramref name="format"/> names the input).</summary>
    internal static T Translate<T>(Func<T> read, string format = "Arrow")
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException)
        {
            throw new ArrowNotSupportedException($"The {format} input uses something not supported: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not (ArrowFormatException or ArrowNotSupportedException or OperationCanceledException or OutOfMemoryException))
        {
            throw new ArrowFormatException($"The {format} input is malformed: {ex.Message}", ex);
        }
    }
}
