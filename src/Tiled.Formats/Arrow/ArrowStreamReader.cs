using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC stream format (with Apache.Arrow): a schema message, then dictionary and
/// record batch messages until the end-of-stream marker or the end of the input. Uncompressed
/// columns reference the input (zero-copy); LZ4 and ZSTD bodies are decompressed. Corrupt input
/// throws <see cref="ArrowFormatException"/>; valid Arrow we do not handle throws
/// <see cref="ArrowNotSupportedException"/>.
/// </summary>
public static class ArrowStreamReader
{
    public static ArrowTable Read(ReadOnlyMemory<byte> data) => IpcInput.ReadStream(data);

    /// <summary>Reads the rest of <paramref name="stream"/> into memory, then as <see cref="Read"/>.</summary>
    public static async Task<ArrowTable> ReadAsync(Stream stream, CancellationToken ct = default) =>
        Read(await IpcInput.ReadAllAsync(stream, ct).ConfigureAwait(false));
}
