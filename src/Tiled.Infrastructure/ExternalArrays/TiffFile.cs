using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// The structure of an open TIFF or BigTIFF file, little- (<c>II</c>) or big-endian (<c>MM</c>): the
/// chain of image file directories and, on demand, the pages they describe. Only the tags needed to
/// read samples are interpreted. Problems with the file are <see cref="InvalidDataException"/>s;
/// features we do not read are <c>unsupported-media-type</c>.
/// </summary>
internal sealed class TiffFile
{
    private const int MaxPages = 1_000_000;
    private const long MaxEntries = 100_000;
    private const long MaxValues = 1 << 24;

    private readonly SafeFileHandle _file;
    private readonly long _length;
    private readonly long _firstIfd;

    private TiffFile(SafeFileHandle file, string path, long length, bool bigEndian, bool bigTiff, long firstIfd)
    {
        _file = file;
        Path = path;
        _length = length;
        BigEndian = bigEndian;
        BigTiff = bigTiff;
        _firstIfd = firstIfd;
    }

    public string Path { get; }

    public bool BigEndian { get; }

    public bool BigTiff { get; }

    /// <summary>Reads the header of <paramref name="file"/> (opened by the caller, who disposes it).</summary>
    public static TiffFile Open(SafeFileHandle file, string path)
    {
        var length = RandomAccess.GetLength(file);
        var header = new byte[16];
        var available = (int)Math.Min(header.Length, length);
        FileWindow.ReadExactly(file, 0, header.AsSpan(0, available));
        var bigEndian = available >= 8 && header[0] == 'M' && header[1] == 'M';
        if (available < 8 || !(bigEndian || (header[0] == 'I' && header[1] == 'I')))
        {
            throw new InvalidDataException($"'{path}' is not a TIFF file (it does not start with II or MM).");
        }

        var version = ReadUInt16(header.AsSpan(2), bigEndian);
        return version switch
        {
            42 => new TiffFile(file, path, length, bigEndian, bigTiff: false, ReadUInt32(header.AsSpan(4), bigEndian)),
            43 when available == 16 && ReadUInt16(header.AsSpan(4), bigEndian) == 8 =>
                new TiffFile(file, path, length, bigEndian, bigTiff: true, ReadOffset(header.AsSpan(8), bigEndian)),
            _ => throw new InvalidDataException($"'{path}' is not a TIFF or BigTIFF file (version {version})."),
        };
    }

    /// <summary>The offsets of the first <paramref name="limit"/> image file directories, in file order.</summary>
    public List<long> PageOffsets(int limit = MaxPages)
    {
        var offsets = new List<long>();
        var seen = new HashSet<long>();
        var offset = _firstIfd;
        while (offset != 0 && offsets.Count < limit)
        {
            if (!seen.Add(offset) || offsets.Count >= MaxPages)
            {
                throw new InvalidDataException($"The image directories of '{Path}' form a loop or are too many.");
            }

            offsets.Add(offset);
            var (count, entriesAt) = EntryCount(offset);
            var next = new byte[BigTiff ? 8 : 4];
            FileWindow.ReadExactly(_file, entriesAt + (count * EntrySize), next);
            offset = BigTiff ? ReadOffset(next, BigEndian) : ReadUInt32(next, BigEndian);
        }

        return offsets.Count > 0 ? offsets : throw new InvalidDataException($"'{Path}' holds no image.");
    }

    /// <summary>The page described by the directory at <paramref name="ifdOffset"/>.</summary>
    public TiffPage ReadPage(long ifdOffset)
    {
        var (count, entriesAt) = EntryCount(ifdOffset);
        var block = new byte[checked((int)(count * EntrySize))];
        FileWindow.ReadExactly(_file, entriesAt, block);
        var tags = new Dictionary<int, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var entry = block.AsSpan(i * EntrySize, EntrySize);
            tags.TryAdd(ReadUInt16(entry, BigEndian), entry.ToArray());
        }

        return new TiffPageBuilder(this, tags).Build();
    }

    internal int EntrySize => BigTiff ? 20 : 12;

    /// <summary>The integer values of one directory entry (inline or at their offset).</summary>
    internal long[] Values(byte[] entry)
    {
        var type = ReadUInt16(entry.AsSpan(2), BigEndian);
        var count = BigTiff ? ReadOffset(entry.AsSpan(4), BigEndian) : ReadUInt32(entry.AsSpan(4), BigEndian);
        var field = entry.AsSpan(BigTiff ? 12 : 8);
        var size = type switch
        {
            1 or 2 or 6 or 7 => 1,
            3 or 8 => 2,
            4 or 9 or 13 => 4,
            16 or 17 or 18 => 8,
            _ => throw new InvalidDataException($"A TIFF tag of '{Path}' that must hold integers has type {type}."),
        };
        if (count > MaxValues)
        {
            throw new InvalidDataException($"A TIFF tag of '{Path}' claims {count} values.");
        }

        var bytes = new byte[count * size];
        if (bytes.Length <= field.Length)
        {
            field[..bytes.Length].CopyTo(bytes);
        }
        else
        {
            var at = BigTiff ? ReadOffset(field, BigEndian) : ReadUInt32(field, BigEndian);
            FileWindow.ReadExactly(_file, at, bytes);
        }

        var values = new long[count];
        for (var i = 0; i < values.Length; i++)
        {
            var item = bytes.AsSpan(i * size, size);
            values[i] = type switch
            {
                1 or 2 or 7 => item[0],
                6 => (sbyte)item[0],
                3 => ReadUInt16(item, BigEndian),
                8 => (short)ReadUInt16(item, BigEndian),
                4 or 13 => ReadUInt32(item, BigEndian),
                9 => (int)ReadUInt32(item, BigEndian),
                _ => ReadOffset(item, BigEndian),
            };
        }

        return values;
    }

    /// <summary>True when a segment of <paramref name="byteCount"/> bytes at <paramref name="offset"/> lies inside the file.</summary>
    internal bool Holds(long offset, long byteCount) => offset >= 0 && byteCount >= 0 && offset <= _length - byteCount;

    internal static DataType SampleType(int format, int bits, bool bigEndian, string path)
    {
        var kind = (format, bits) switch
        {
            (1, 8 or 16 or 32 or 64) => 'u',
            (2, 8 or 16 or 32 or 64) => 'i',
            (3, 16 or 32 or 64) => 'f',
            (6, 64 or 128) => 'c',
            _ => throw ExternalDataException.Unsupported(
                $"'{path}' holds {bits}-bit samples of TIFF sample format {format}; only 8/16/32/64-bit integers, "
                + "16/32/64-bit floats and complex floats are supported."),
        };
        var size = bits / 8;
        return new DataType(kind, size, size == 1 ? Endianness.NotApplicable : bigEndian ? Endianness.Big : Endianness.Little);
    }

    private (long Count, long EntriesAt) EntryCount(long offset)
    {
        var field = new byte[BigTiff ? 8 : 2];
        FileWindow.ReadExactly(_file, offset, field);
        var count = BigTiff ? ReadOffset(field, BigEndian) : ReadUInt16(field, BigEndian);
        return count is > 0 and <= MaxEntries
            ? (count, offset + field.Length)
            : throw new InvalidDataException($"An image directory of '{Path}' has {count} entries.");
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> b, bool big) =>
        big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static uint ReadUInt32(ReadOnlySpan<byte> b, bool big) =>
        big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static long ReadOffset(ReadOnlySpan<byte> b, bool big)
    {
        var value = big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b);
        return value <= long.MaxValue ? (long)value : throw new InvalidDataException("A BigTIFF offset does not fit 63 bits.");
    }
}
