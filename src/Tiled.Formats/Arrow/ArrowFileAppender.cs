using System.Buffers.Binary;
using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Appends a record batch to an Arrow IPC file by rewriting only its end: the earlier messages
/// stay where they are, and the old end-of-stream marker and footer are replaced by the new batch,
/// a marker and a footer that lists every batch. The batch must match the file's schema exactly
/// (<see cref="ArrowSchema.CheckBatch"/>, else <see cref="ArgumentException"/>); a corrupt file
/// throws <see cref="ArrowFormatException"/>.
/// For a crash-safe append, copy the first <see cref="ArrowAppendPlan.TruncateAt"/> bytes to a
/// temporary file, write <see cref="ArrowAppendPlan.Bytes"/>, flush, and rename it over the
/// original. <see cref="AppendAsync"/> instead overwrites in place, which is cheaper but leaves a
/// file without a valid footer if the process dies mid-write.
/// </summary>
public static class ArrowFileAppender
{
    // "ARROW1" plus padding, then the first 8 bytes of the message that follows it.
    private const int HeadLength = 16;

    /// <summary>Plans the append from the whole file in memory; pure, nothing is written.</summary>
    public static ArrowAppendPlan Plan(ReadOnlySpan<byte> file, RecordBatch batch)
    {
        var (footerStart, footerLength) = FooterCodec.Locate(file);
        return Plan(file.Length, file[..Math.Min(HeadLength, file.Length)], file.Slice(footerStart, footerLength), batch);
    }

    /// <summary>Plans the append reading only the head and the footer of a seekable stream; nothing is written.</summary>
    public static async Task<ArrowAppendPlan> PlanAsync(Stream file, RecordBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var length = file.Length;
        if (length < FooterCodec.Header.Length + FooterCodec.TrailerLength)
        {
            throw new ArrowFormatException($"A {length}-byte file is too short to be an Arrow IPC file.");
        }

        var trailer = await ReadAtAsync(file, length - FooterCodec.TrailerLength, FooterCodec.TrailerLength, ct).ConfigureAwait(false);
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(trailer);
        if (!trailer.AsSpan(4).SequenceEqual(FooterCodec.Magic) || footerLength <= 0
            || footerLength > length - FooterCodec.Header.Length - FooterCodec.TrailerLength)
        {
            throw new ArrowFormatException("The file does not end with a valid Arrow footer length and magic \"ARROW1\".");
        }

        var footer = await ReadAtAsync(file, length - FooterCodec.TrailerLength - footerLength, footerLength, ct).ConfigureAwait(false);
        var head = await ReadAtAsync(file, 0, (int)Math.Min(HeadLength, length), ct).ConfigureAwait(false);
        return Plan(length, head, footer, batch);
    }

    /// <summary>
    /// Appends <paramref name="batch"/> to the file at <paramref name="path"/> in place (see the
    /// class remarks about crashes). The file is opened exclusively for the duration.
    /// </summary>
    public static async Task AppendAsync(string path, RecordBatch batch, CancellationToken ct = default)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var plan = await PlanAsync(file, batch, ct).ConfigureAwait(false);
            file.Seek(plan.TruncateAt, SeekOrigin.Begin);
            await file.WriteAsync(plan.Bytes, ct).ConfigureAwait(false);
            file.SetLength(plan.NewLength);
            file.Flush(flushToDisk: true);
        }
    }

    private static ArrowAppendPlan Plan(long fileLength, ReadOnlySpan<byte> head, ReadOnlySpan<byte> footer, RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!FooterCodec.HasMagic(head))
        {
            throw new ArrowFormatException("The input does not start with the Arrow file magic \"ARROW1\".");
        }

        var (schema, blocks) = FooterCodec.Decode(footer);
        schema.CheckBatch(batch);
        var footerStart = fileLength - FooterCodec.TrailerLength - footer.Length;
        if (blocks.Any(b => !b.FitsBefore(footerStart)))
        {
            throw new ArrowFormatException("The file's record batch blocks lie outside its data.");
        }

        var end = blocks.Length == 0 ? EndOfSchemaMessage(head) : blocks.Max(b => b.End);
        if (end > footerStart)
        {
            throw new ArrowFormatException("The file's schema message runs into its footer.");
        }

        var padding = (int)(-end & 7);
        var message = RecordBatchCodec.Encode(batch);
        var all = blocks.Append(new FileBlock(end + padding, message.Metadata.Length, message.BodyLength)).ToList();
        var segments = new List<ReadOnlyMemory<byte>> { new byte[padding] };
        segments.AddRange(message.Segments());
        segments.Add(MessageCodec.EndOfStream);
        segments.Add(FooterCodec.Encode(schema, all));
        return new ArrowAppendPlan(end, IpcOutput.ToArray(segments), schema);
    }

    // A file without batches may start with a schema message (pyarrow) or not (apache-arrow JS); keep it if present.
    private static long EndOfSchemaMessage(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeadLength)
        {
            return FooterCodec.Header.Length;
        }

        var first = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
        var length = first == MessageCodec.Continuation ? BinaryPrimitives.ReadInt32LittleEndian(head[12..]) : (int)first;
        var prefix = first == MessageCodec.Continuation ? 8 : 4;
        return length <= 0 ? FooterCodec.Header.Length : FooterCodec.Header.Length + prefix + (long)length;
    }

    private static async Task<byte[]> ReadAtAsync(Stream file, long position, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        file.Seek(position, SeekOrigin.Begin);
        await file.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
        return buffer;
    }
}
