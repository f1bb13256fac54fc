using Tiled.Formats.ArrayText;
using Tiled.Formats.DataTypes;

namespace Tiled.Formats.ArrayImage;

/// <summary>
/// Turns array data into 8-bit pixels as Tiled's <c>image/png</c> export does (protocol additions
/// §5.2): a 2-d array is a grey image, a 1-d array one row of it, a 3-d array whose last dimension is
/// 3 or 4 an RGB(A) image. uint8 values are taken as they are and bools as 0 and 255; other numbers
/// are clipped to their 1st–99th percentile (of the finite values) and scaled to 0–255. NaN is a
/// transparent pixel (the grey image then gets an alpha channel).
/// </summary>
public static class ArrayImages
{
    public static ImagePixels ToPixels(ReadOnlySpan<byte> data, DataType dtype, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (height, width, channels) = shape switch
        {
            [var w] => (1L, w, 1),
            [var h, var w] => (h, w, 1),
            [var h, var w, 3 or 4] => (h, w, (int)shape[2]),
            _ => throw new NotSupportedException(
                $"The shape of this data [{string.Join(", ", shape)}] is incompatible with image/png: it needs 1 or 2 dimensions, or 3 with the last of length 3 or 4."),
        };
        if (width == 0 || height == 0 || width > int.MaxValue / channels || height > int.MaxValue / (width * channels))
        {
            throw new NotSupportedException($"An image of {height} x {width} pixels cannot be written as image/png.");
        }

        var values = Values(data, dtype, shape);
        var scale = Scale(values, dtype);
        var hasNan = channels == 1 && Array.Exists(values, double.IsNaN);
        var outChannels = hasNan ? 2 : channels;
        var pixels = new byte[values.Length / channels * outChannels];
        for (var i = 0; i < values.Length / channels; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                pixels[(i * outChannels) + c] = scale(values[(i * channels) + c]);
            }

            if (hasNan)
            {
                pixels[(i * 2) + 1] = double.IsNaN(values[i]) ? (byte)0 : (byte)255;
            }
        }

        return new ImagePixels((int)width, (int)height, outChannels, pixels);
    }

    private static double[] Values(ReadOnlySpan<byte> data, DataType dtype, long[] shape)
    {
        var codec = ArrayElementCodec.For(dtype);
        var count = codec.CheckLength(data, shape);
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            var item = data.Slice(i * codec.ItemSize, codec.ItemSize);
            values[i] = codec.Type switch
            {
                ArrayElementType.Bool => codec.ReadBool(item) ? 255 : 0,
                ArrayElementType.Int8 or ArrayElementType.Int16 or ArrayElementType.Int32 or ArrayElementType.Int64 => codec.ReadInt64(item),
                ArrayElementType.UInt8 or ArrayElementType.UInt16 or ArrayElementType.UInt32 or ArrayElementType.UInt64 => codec.ReadUInt64(item),
                ArrayElementType.Float16 or ArrayElementType.Float32 or ArrayElementType.Float64 => codec.ReadReal(item, 0),
                _ => throw new NotSupportedException($"Arrays of data type {dtype.ToNumpyString()} cannot be shown as image/png."),
            };
        }

        return values;
    }

    private static Func<double, byte> Scale(double[] values, DataType dtype)
    {
        if (dtype.Kind is 'b' || (dtype.Kind is 'u' && dtype.ItemSize == 1))
        {
            return v => (byte)v;
        }

        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return _ => 0;
        }

        Array.Sort(finite);
        var low = Percentile(finite, 1);
        var high = Percentile(finite, 99);
        var range = high - low;
        return v => double.IsNaN(v) ? (byte)0
            : range <= 0 ? (byte)(v > low ? 255 : 0)
            : (byte)Math.Round(Math.Clamp((v - low) / range, 0, 1) * 255);
    }

    /// <summary>numpy's default (linear) percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double percent)
    {
        var position = (sorted.Length - 1) * percent / 100;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }
}
