using Tiled.Formats.Arrow.Ipc;

namespace Tiled.Formats.Arrow;

/// <summary>
/// A schema on its own, as one encapsulated IPC message: what pyarrow's <c>Schema.serialize()</c>
/// emits and <c>pyarrow.ipc.read_schema</c> reads (continuation marker, int32 length, the
/// <c>Message</c> FlatBuffer padded to 8 bytes, no body, no end-of-stream marker). Tiled carries it
/// base64-encoded in the <c>arrow_schema</c> data URI of a table structure.
/// </summary>
public static class ArrowSchemaMessage
{
    /// <summary>The prefix of Tiled's <c>arrow_schema</c> data URIs.</summary>
    public const string DataUriPrefix = "data:application/vnd.apache.arrow.file;base64,";

    public static byte[] Encode(ArrowSchema schema) => IpcOutput.SchemaMessage(schema);

    /// <summary>
    /// Reads the schema message at the start of <paramref name="data"/>; anything after it (a body,
    /// more messages) is ignored, so the start of an IPC stream reads too, and a whole IPC file
    /// (recognised by its magic) gives its footer's schema.
    /// </summary>
    public static ArrowSchema Decode(ReadOnlyMemory<byte> data) =>
        data.Span.StartsWith("ARROW1"u8) ? IpcInput.ReadFileSchema(data) : IpcInput.ReadStreamSchema(data);

    /// <summary><see cref="DataUriPrefix"/> followed by the base64 of <see cref="Encode"/>.</summary>
    public static string ToDataUri(ArrowSchema schema) => DataUriPrefix + Convert.ToBase64String(Encode(schema));

    /// <summary>
    /// Decodes an <c>arrow_schema</c> data URI. The URI must start with <see cref="DataUriPrefix"/>
    /// (compared case-insensitively); a missing prefix or invalid base64 throws <see cref="ArrowFormatException"/>.
    /// </summary>
    public static ArrowSchema FromDataUri(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        if (!dataUri.StartsWith(DataUriPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArrowFormatException($"An Arrow schema data URI must start with '{DataUriPrefix}'.");
        }

        var text = dataUri.AsSpan(DataUriPrefix.Length).Trim();
        var bytes = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(text, bytes, out var written))
        {
            throw new ArrowFormatException("The Arrow schema data URI is not valid base64.");
        }

        return Decode(bytes.AsMemory(0, written));
    }
}
