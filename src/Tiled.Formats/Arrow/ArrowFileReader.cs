using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// Reads the Arrow IPC file format (with Apache.Arrow) through its footer: the schema and the
/// record batches come from the footer's schema and block list. LZ4 and ZSTD bodies are
/// decompressed. Corrupt input throws <see cref="ArrowFormatException"/>; valid Arrow we do not
/// handle throws <see cref="ArrowNotSupportedException"/>.
/// </summary>
public static class ArrowFileReader
{
    public static ArrowTable Read(ReadOnlyMemory<byte> data) => IpcInput.ReadFile(data);

    /// <summary>Only the schema, from the footer; the batches are not read.</summary>
    public static ArrowSchema ReadSchema(ReadOnlyMemory<byte> data) => IpcInput.ReadFileSchema(data);

    /// <summary>Reads the rest of <paramref name="stream"/> into memory, then as <see cref="Read"/>.</summary>
    public static async Task<ArrowTable> ReadAsync(Stream stream, CancellationToken ct = default) =>
        Read(await IpcInput.ReadAllAsync(stream, ct).ConfigureAwait(false));
}
