using System.Security;
using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// <see cref="IExternalArrayReader"/> for registered files, by mimetype (compared without case, spaces
/// or quotes): <c>application/x-npy</c>, <c>application/octet-stream</c> (raw binary, described by the
/// parameters <c>dtype</c>, <c>shape</c> and <c>offset</c>), <c>application/x-zarr</c> (a Zarr v2 array
/// directory), <c>image/tiff</c> and <c>multipart/related;type=image/tiff</c> (a sequence of TIFF files).
/// Every asset goes through <see cref="ExternalPathPolicy"/>. Files are read in place: a box read
/// touches only the bytes, chunks, strips, tiles or files it needs. Stateless, so one instance serves all.
/// </summary>
public sealed class ExternalArrayReader(ExternalPathPolicy policy) : IExternalArrayReader
{
    public const string NpyMimetype = "application/x-npy";
    public const string RawMimetype = "application/octet-stream";
    public const string ZarrMimetype = "application/x-zarr";
    public const string TiffMimetype = "image/tiff";
    public const string TiffSequenceMimetype = "multipart/related;type=image/tiff";

    private readonly Dictionary<string, IExternalFormat> _formats = new()
    {
        [NpyMimetype] = new NpyFormat(policy),
        [RawMimetype] = new RawBinaryFormat(policy),
        [ZarrMimetype] = new ZarrFormat(policy),
        [TiffMimetype] = new TiffFormat(policy),
        [TiffSequenceMimetype] = new TiffSequenceFormat(policy),
    };

    /// <summary>The mimetypes this reader handles, in their canonical spelling.</summary>
    public static IReadOnlyList<string> SupportedMimetypes { get; } =
        [NpyMimetype, RawMimetype, ZarrMimetype, TiffMimetype, TiffSequenceMimetype];

    /// <summary>True when <paramref name="mimetype"/> names a format this reader handles.</summary>
    public static bool IsSupported(string? mimetype) => mimetype is not null && SupportedMimetypes.Contains(Normalize(mimetype));

    /// <inheritdoc />
    public Task<ArrayStructure> InspectAsync(DataSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TranslateAsync(source, () => FormatOf(source).InspectAsync(source, ct), ct);
    }

    /// <inheritdoc />
    public Task<byte[]> ReadBoxAsync(DataSource source, ArrayStructure structure, long[] start, long[] count, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(structure);
        return TranslateAsync(source, () => FormatOf(source).ReadBoxAsync(source, structure, start, count, ct), ct);
    }

    /// <inheritdoc />
    public Task<DateTimeOffset?> LastModifiedAsync(DataSource source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        DateTimeOffset? newest = null;
        foreach (var asset in source.Assets)
        {
            try
            {
                var time = new DateTimeOffset(File.GetLastWriteTimeUtc(policy.Resolve(asset.DataUri)), TimeSpan.Zero);
                newest = newest is null || time > newest ? time : newest;
            }
            catch (Exception e) when (e is ExternalDataException or IOException or UnauthorizedAccessException)
            {
                // A missing or unreadable asset has no time: the others decide.
            }
        }

        return Task.FromResult(newest);
    }

    /// <summary>Lower case, no spaces around parameters, no quotes: <c>multipart/related; type="image/tiff"</c> → <c>multipart/related;type=image/tiff</c>.</summary>
    internal static string Normalize(string mimetype) => string.Join(';', mimetype
        .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(part => string.Join('=', part.Split('=', StringSplitOptions.TrimEntries)).Replace("\"", "", StringComparison.Ordinal)))
        .ToLowerInvariant();

    private IExternalFormat FormatOf(DataSource source) =>
        _formats.TryGetValue(Normalize(source.Mimetype), out var format)
            ? format
            : throw ExternalDataException.Unsupported(
                $"Externally managed arrays of mimetype '{source.Mimetype}' cannot be read; supported are {string.Join(", ", SupportedMimetypes)}.");

    /// <summary>Runs a format's work off the caller's thread, turning file-system and format failures into <see cref="ExternalDataException"/>s.</summary>
    private static async Task<T> TranslateAsync<T>(DataSource source, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await Task.Run(work, ct);
        }
        catch (Exception e) when (Translate(e, source.Mimetype) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The exception to throw instead of <paramref name="e"/>, or null to let it through.</summary>
    private static Exception? Translate(Exception e, string mimetype) => e switch
    {
        ExternalDataException or OperationCanceledException => null,
        AggregateException { InnerExceptions: [var inner, ..] } => Translate(inner, mimetype) ?? inner,
        FileNotFoundException or DirectoryNotFoundException =>
            ExternalDataException.Invalid($"A file of the '{mimetype}' data source is missing: {e.Message}"),
        UnauthorizedAccessException or SecurityException =>
            ExternalDataException.Invalid($"A file of the '{mimetype}' data source cannot be read: {e.Message}"),
        NotSupportedException => ExternalDataException.Unsupported(e.Message),
        InvalidDataException or EndOfStreamException or FormatException or OverflowException =>
            ExternalDataException.Invalid($"The '{mimetype}' data source is corrupt or inconsistent: {e.Message}"),
        IOException => ExternalDataException.Invalid($"A file of the '{mimetype}' data source cannot be read: {e.Message}"),
        _ => null,
    };
}
