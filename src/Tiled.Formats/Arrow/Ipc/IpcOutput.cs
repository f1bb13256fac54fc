namespace Tiled.Formats.Arrow.Ipc;

/// <summary>Writes a sequence of byte segments to an array or a stream; writers describe their output as such a sequence.</summary>
internal static class IpcOutput
{
    public static byte[] ToArray(IEnumerable<ReadOnlyMemory<byte>> segments)
    {
        var list = segments.ToList();
        var result = new byte[list.Sum(s => (long)s.Length)];
        var position = 0;
        foreach (var segment in list)
        {
            segment.Span.CopyTo(result.AsSpan(position));
            position += segment.Length;
        }

        return result;
    }

    public static void Write(Stream stream, IEnumerable<ReadOnlyMemory<byte>> segments)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in segments)
        {
            stream.Write(segment.Span);
        }
    }

    public static async Task WriteAsync(Stream stream, IEnumerable<ReadOnlyMemory<byte>> segments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        foreach (var segment in segments)
        {
            await stream.WriteAsync(segment, ct).ConfigureAwait(false);
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
}
