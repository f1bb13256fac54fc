using System.Buffers.Binary;
using System.IO.Compression;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>Encoders for the test TIFFs: LZW (as libtiff writes it), PackBits, Deflate and the predictors.</summary>
internal static class TestTiffCodecs
{
    public static byte[] Encode(int compression, byte[] data) => compression switch
    {
        1 or 7 => data,
        5 => Lzw(data),
        8 or 32946 => Deflate(data),
        32773 => PackBits(data),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };

    /// <summary>TIFF LZW with the early change; clears when the table is full and ends with code 257.</summary>
    public static byte[] Lzw(byte[] data)
    {
        var output = new List<byte>();
        long buffer = 0;
        var bits = 0;
        void Put(int code, int width)
        {
            buffer = (buffer << width) | (uint)code;
            bits += width;
            while (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        var table = new Dictionary<(int, byte), int>();
        var next = 258;
        var width = 9;
        Put(256, width);
        var current = -1;
        foreach (var b in data)
        {
            if (current < 0)
            {
                current = b;
                continue;
            }

            if (table.TryGetValue((current, b), out var code))
            {
                current = code;
                continue;
            }

            Put(current, width);
            table[(current, b)] = next++;
            current = b;
            if (next == 4094)
            {
                Put(256, width);
                table.Clear();
                next = 258;
                width = 9;
            }
            else if (next > (1 << width) - 1)
            {
                width++;
            }
        }

        if (current >= 0)
        {
            Put(current, width);
            next++;
            if (next > (1 << width) - 1 && width < 12)
            {
                width++;
            }
        }

        Put(257, width);
        if (bits > 0)
        {
            output.Add((byte)(buffer << (8 - bits)));
        }

        return [.. output];
    }

    public static byte[] PackBits(byte[] data)
    {
        var output = new List<byte>();
        var i = 0;
        while (i < data.Length)
        {
            var run = 1;
            while (i + run < data.Length && run < 128 && data[i + run] == data[i])
            {
                run++;
            }

            if (run >= 3)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(data[i]);
                i += run;
                continue;
            }

            var start = i;
            while (i < data.Length && i - start < 128 && !(i + 2 < data.Length && data[i] == data[i + 1] && data[i] == data[i + 2]))
            {
                i++;
            }

            output.Add((byte)(i - start - 1));
            output.AddRange(data[start..i]);
        }

        return [.. output];
    }

    public static byte[] Deflate(byte[] data)
    {
        using var stream = new MemoryStream();
        using (var zlib = new ZLibStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return stream.ToArray();
    }

    /// <summary>Applies predictor 2 (horizontal differencing) or 3 (floating point) to rows of <paramref name="width"/> pixels.</summary>
    public static void Predict(byte[] segment, int predictor, int width, int samples, int itemSize, bool bigEndian)
    {
        var rowBytes = width * samples * itemSize;
        for (var start = 0; start + rowBytes <= segment.Length; start += rowBytes)
        {
            var row = segment.AsSpan(start, rowBytes);
            if (predictor == 2)
            {
                for (var i = (rowBytes / itemSize) - 1; i >= samples; i--)
                {
                    var value = Read(row, i, itemSize, bigEndian) - Read(row, i - samples, itemSize, bigEndian);
                    Write(row, i, itemSize, bigEndian, value);
                }
            }
            else if (predictor == 3)
            {
                var values = width * samples;
                var planes = new byte[rowBytes];
                for (var v = 0; v < values; v++)
                {
                    for (var b = 0; b < itemSize; b++)
                    {
                        planes[(b * values) + v] = row[(v * itemSize) + (bigEndian ? b : itemSize - 1 - b)];
                    }
                }

                for (var i = rowBytes - 1; i >= samples; i--)
                {
                    planes[i] -= planes[i - samples];
                }

                planes.CopyTo(row);
            }
        }
    }

    private static ulong Read(Span<byte> row, int i, int size, bool big)
    {
        var s = row.Slice(i * size, size);
        return size switch
        {
            1 => s[0],
            2 => big ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s),
            4 => big ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s),
            _ => big ? BinaryPrimitives.ReadUInt64BigEndian(s) : BinaryPrimitives.ReadUInt64LittleEndian(s),
        };
    }

    private static void Write(Span<byte> row, int i, int size, bool big, ulong value)
    {
        var s = row.Slice(i * size, size);
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        bytes.AsSpan(0, size).CopyTo(s);
        if (big)
        {
            s.Reverse();
        }
    }
}
