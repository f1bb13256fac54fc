using System.Buffers.Binary;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>
/// A small TIFF and BigTIFF writer for tests, in either byte order: strips or tiles (edge tiles
/// padded with zeros), any compression of <see cref="TestTiffCodecs"/>, predictors 2 and 3, and
/// several pages chained in file order.
/// </summary>
internal sealed class TestTiffWriter(bool bigEndian = false, bool bigTiff = false)
{
    private readonly List<byte> _file = [];

    public byte[] Write(params TestTiffImage[] pages)
    {
        _file.Clear();
        _file.AddRange(bigEndian ? "MM"u8.ToArray() : "II"u8.ToArray());
        Put16(bigTiff ? 43 : 42);
        if (bigTiff)
        {
            Put16(8);
            Put16(0);
        }

        var nextPointer = _file.Count;
        PutOffset(0);
        foreach (var page in pages)
        {
            var ifd = WritePage(page);
            Patch(nextPointer, ifd);
            nextPointer = _file.Count - (bigTiff ? 8 : 4);
        }

        return [.. _file];
    }

    private long WritePage(TestTiffImage page)
    {
        var tiled = page.TileWidth is not null;
        var segmentWidth = page.TileWidth ?? page.Width;
        var segmentHeight = tiled ? page.TileLength ?? 16 : Math.Min(page.RowsPerStrip ?? page.Height, page.Height);
        var across = (page.Width + segmentWidth - 1) / segmentWidth;
        var down = (page.Height + segmentHeight - 1) / segmentHeight;
        var offsets = new List<long>();
        var counts = new List<long>();
        for (var row = 0; row < down; row++)
        {
            for (var column = 0; column < across; column++)
            {
                var rows = tiled ? segmentHeight : Math.Min(segmentHeight, page.Height - (row * segmentHeight));
                var segment = Segment(page, row * segmentHeight, column * segmentWidth, rows, segmentWidth);
                TestTiffCodecs.Predict(segment, page.Predictor, segmentWidth, page.Samples, page.ItemSize, bigEndian);
                var stored = TestTiffCodecs.Encode(page.Compression, segment);
                if (row == down - 1 && column == across - 1 && page.TruncateLastSegment > 0)
                {
                    stored = stored[..^page.TruncateLastSegment];
                }

                Align();
                offsets.Add(_file.Count);
                counts.Add(stored.Length);
                _file.AddRange(stored);
            }
        }

        var offsetType = bigTiff ? 16 : 4;
        var entries = new SortedDictionary<int, (int Type, long[] Values)>
        {
            [256] = (4, [page.Width]),
            [257] = (4, [page.Height]),
            [258] = (3, Enumerable.Repeat((long)page.Bits, page.Samples).ToArray()),
            [259] = (3, [page.Compression]),
            [262] = (3, [page.Samples == 3 ? 2 : 1]),
            [277] = (3, [page.Samples]),
            [284] = (3, [page.Planar]),
            [339] = (3, Enumerable.Repeat((long)page.SampleFormat, page.Samples).ToArray()),
        };
        if (page.Predictor != 1)
        {
            entries[317] = (3, [page.Predictor]);
        }

        if (tiled)
        {
            entries[322] = (4, [segmentWidth]);
            entries[323] = (4, [segmentHeight]);
            entries[324] = (offsetType, [.. offsets]);
            if (!page.OmitByteCounts)
            {
                entries[325] = (offsetType, [.. counts]);
            }
        }
        else
        {
            entries[273] = (offsetType, [.. offsets]);
            entries[278] = (4, [segmentHeight]);
            if (!page.OmitByteCounts)
            {
                entries[279] = (offsetType, [.. counts]);
            }
        }

        return WriteDirectory(entries);
    }

    /// <summary>The samples of one strip or tile in the file's byte order, zero beyond the image.</summary>
    private byte[] Segment(TestTiffImage page, int top, int left, int rows, int width)
    {
        var pixel = page.Samples * page.ItemSize;
        var segment = new byte[rows * width * pixel];
        for (var r = 0; r < rows && top + r < page.Height; r++)
        {
            var columns = Math.Min(width, page.Width - left);
            page.Data.AsSpan((((top + r) * page.Width) + left) * pixel, columns * pixel).CopyTo(segment.AsSpan(r * width * pixel));
        }

        if (bigEndian && page.ItemSize > 1)
        {
            for (var i = 0; i < segment.Length; i += page.ItemSize)
            {
                segment.AsSpan(i, page.ItemSize).Reverse();
            }
        }

        return segment;
    }

    private long WriteDirectory(SortedDictionary<int, (int Type, long[] Values)> entries)
    {
        var fieldSize = bigTiff ? 8 : 4;
        var external = new Dictionary<int, long>();
        foreach (var (tag, (type, values)) in entries)
        {
            var size = TypeSize(type) * values.Length;
            if (size > fieldSize)
            {
                Align();
                external[tag] = _file.Count;
                foreach (var value in values)
                {
                    PutValue(type, value);
                }
            }
        }

        Align();
        var ifd = _file.Count;
        if (bigTiff)
        {
            PutOffset(entries.Count);
        }
        else
        {
            Put16(entries.Count);
        }

        foreach (var (tag, (type, values)) in entries)
        {
            Put16(tag);
            Put16(type);
            if (bigTiff)
            {
                PutOffset(values.Length);
            }
            else
            {
                Put32(values.Length);
            }

            var start = _file.Count;
            if (external.TryGetValue(tag, out var at))
            {
                PutOffset(at);
            }
            else
            {
                foreach (var value in values)
                {
                    PutValue(type, value);
                }
            }

            while (_file.Count < start + fieldSize)
            {
                _file.Add(0);
            }
        }

        PutOffset(0);
        return ifd;
    }

    private static int TypeSize(int type) => type switch
    {
        3 => 2,
        4 => 4,
        _ => 8,
    };

    private void PutValue(int type, long value)
    {
        switch (TypeSize(type))
        {
            case 2:
                Put16((int)value);
                break;
            case 4:
                Put32(value);
                break;
            default:
                Put64(value);
                break;
        }
    }

    private void Align()
    {
        if (_file.Count % 2 == 1)
        {
            _file.Add(0);
        }
    }

    private void Put16(int value)
    {
        var b = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value);
        }

        _file.AddRange(b);
    }

    private void Put32(long value)
    {
        var b = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b, (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)value);
        }

        _file.AddRange(b);
    }

    private void Put64(long value)
    {
        var b = new byte[8];
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
        }

        _file.AddRange(b);
    }

    private void PutOffset(long value)
    {
        if (bigTiff)
        {
            Put64(value);
        }
        else
        {
            Put32(value);
        }
    }

    private void Patch(int position, long value)
    {
        var size = bigTiff ? 8 : 4;
        var b = new byte[8];
        if (bigEndian)
        {
            BinaryPrimitives.WriteInt64BigEndian(b, value);
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
        }

        var bytes = bigEndian ? b.AsSpan(8 - size) : b.AsSpan(0, size);
        for (var i = 0; i < size; i++)
        {
            _file[position + i] = bytes[i];
        }
    }
}
