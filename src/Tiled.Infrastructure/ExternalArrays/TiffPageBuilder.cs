using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Turns the tags of one image file directory into a <see cref="TiffPage"/>, checking that the image
/// is one we can read (see <see cref="TiffFormat"/>) and that its segments are consistent.
/// </summary>
internal sealed class TiffPageBuilder(TiffFile file, Dictionary<int, byte[]> tags)
{
    private const int ImageWidth = 256;
    private const int ImageLength = 257;
    private const int BitsPerSample = 258;
    private const int Compression = 259;
    private const int StripOffsets = 273;
    private const int SamplesPerPixel = 277;
    private const int RowsPerStrip = 278;
    private const int StripByteCounts = 279;
    private const int PlanarConfiguration = 284;
    private const int Predictor = 317;
    private const int TileWidth = 322;
    private const int TileLength = 323;
    private const int TileOffsets = 324;
    private const int TileByteCounts = 325;
    private const int SampleFormat = 339;
    private const int ImageDepth = 32997;

    public TiffPage Build()
    {
        var width = Required(ImageWidth);
        var height = Required(ImageLength);
        var samples = Single(SamplesPerPixel, 1);
        if (width <= 0 || height <= 0 || samples is <= 0 or > 1024)
        {
            throw new InvalidDataException($"An image of '{file.Path}' is {width} × {height} pixels of {samples} samples.");
        }

        var bits = Uniform(BitsPerSample, 1, "bits per sample");
        var format = Uniform(SampleFormat, 1, "sample formats");
        var type = TiffFile.SampleType((int)format, (int)bits, file.BigEndian, file.Path);
        var compression = (int)Single(Compression, 1);
        var predictor = (int)Single(Predictor, 1);
        CheckSupported(compression, predictor, type.Kind, samples);

        var tiled = tags.ContainsKey(TileWidth) || tags.ContainsKey(TileOffsets);
        var segmentWidth = tiled ? Required(TileWidth) : width;
        var segmentHeight = tiled ? Required(TileLength) : Math.Clamp(Single(RowsPerStrip, uint.MaxValue), 1, height);
        if (segmentWidth <= 0 || segmentHeight <= 0)
        {
            throw new InvalidDataException($"An image of '{file.Path}' has tiles of {segmentWidth} × {segmentHeight} pixels.");
        }

        var segmentBytes = checked(segmentWidth * segmentHeight * samples * type.ItemSize);
        if (segmentBytes > Array.MaxLength)
        {
            throw ExternalDataException.Unsupported($"'{file.Path}' has strips or tiles of {segmentBytes} bytes; too large to decode.");
        }

        var across = (width + segmentWidth - 1) / segmentWidth;
        var down = (height + segmentHeight - 1) / segmentHeight;
        var segments = checked(across * down);
        var offsets = Values(tiled ? TileOffsets : StripOffsets, tiled ? "TileOffsets" : "StripOffsets");
        var byteCounts = tags.ContainsKey(tiled ? TileByteCounts : StripByteCounts)
            ? Values(tiled ? TileByteCounts : StripByteCounts, "byte counts")
            : compression == TiffCompression.None
                ? UncompressedByteCounts(segments, tiled, segmentBytes, height, segmentHeight)
                : throw new InvalidDataException($"An image of '{file.Path}' has no StripByteCounts or TileByteCounts.");
        if (offsets.Length < segments || byteCounts.Length < segments)
        {
            throw new InvalidDataException(
                $"An image of '{file.Path}' needs {segments} strips or tiles but lists {offsets.Length} offsets and {byteCounts.Length} byte counts.");
        }

        var page = new TiffPage(width, height, (int)samples, type, compression, predictor, tiled, segmentWidth, segmentHeight,
            offsets[..(int)segments], byteCounts[..(int)segments]);
        for (var i = 0L; i < segments; i++)
        {
            if (!file.Holds(page.Offsets[i], page.ByteCounts[i]))
            {
                throw new InvalidDataException($"Strip or tile {i} of an image of '{file.Path}' lies beyond the end of the file (truncated?).");
            }
        }

        return page;
    }

    private void CheckSupported(int compression, int predictor, char kind, long samples)
    {
        if (!TiffCompression.IsSupported(compression))
        {
            throw ExternalDataException.Unsupported(
                $"'{file.Path}' uses TIFF compression {TiffCompression.Name(compression)}; only none, LZW, Deflate and PackBits are supported.");
        }

        var predictorOk = predictor switch
        {
            1 => true,
            2 => kind is 'u' or 'i',
            3 => kind == 'f',
            _ => false,
        };
        if (!predictorOk)
        {
            throw ExternalDataException.Unsupported(
                $"'{file.Path}' uses TIFF predictor {predictor} on '{kind}' samples; supported are 2 on integers and 3 on floats.");
        }

        if (Single(PlanarConfiguration, 1) != 1 && samples > 1)
        {
            throw ExternalDataException.Unsupported($"'{file.Path}' stores its samples in separate planes (PlanarConfiguration 2), which is not supported.");
        }

        if (Single(ImageDepth, 1) != 1)
        {
            throw ExternalDataException.Unsupported($"'{file.Path}' holds volumetric (ImageDepth) tiles, which are not supported.");
        }
    }

    /// <summary>Byte counts of uncompressed segments whose writer left them out: each holds exactly its rows.</summary>
    private static long[] UncompressedByteCounts(long segments, bool tiled, long segmentBytes, long height, long segmentHeight)
    {
        var counts = new long[segments];
        for (var i = 0L; i < segments; i++)
        {
            counts[i] = tiled ? segmentBytes : segmentBytes / segmentHeight * Math.Min(segmentHeight, height - (i * segmentHeight));
        }

        return counts;
    }

    private long Required(int tag) => tags.ContainsKey(tag)
        ? Single(tag, 0)
        : throw new InvalidDataException($"An image of '{file.Path}' lacks the required TIFF tag {tag}.");

    private long Single(int tag, long fallback) =>
        tags.TryGetValue(tag, out var entry) && file.Values(entry) is { Length: > 0 } values ? values[0] : fallback;

    private long Uniform(int tag, long fallback, string what)
    {
        if (!tags.TryGetValue(tag, out var entry))
        {
            return fallback;
        }

        var values = file.Values(entry);
        return values.Length > 0 && values.All(v => v == values[0])
            ? values[0]
            : throw ExternalDataException.Unsupported($"'{file.Path}' mixes {what} within a pixel, which is not supported.");
    }

    private long[] Values(int tag, string what) => tags.TryGetValue(tag, out var entry)
        ? file.Values(entry)
        : throw new InvalidDataException($"An image of '{file.Path}' has no {what}.");
}
