using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;
using Tiled.Application.Abstractions;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// The header of a .npy file (format versions 1, 2 and 3): magic <c>\x93NUMPY</c>, version, header
/// length (2 bytes in v1, 4 in v2/v3, little-endian) and a Python dict literal with <c>descr</c>,
/// <c>fortran_order</c> and <c>shape</c>. The data follows the header.
/// </summary>
internal static class NpyHeader
{
    private const int MaxHeaderLength = 1 << 20;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads and checks the header of the .npy file at <paramref name="path"/>, including that the file holds all its data.</summary>
    public static FlatArray Read(string path)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        var prefix = new byte[12];
        var available = (int)Math.Min(prefix.Length, length);
        FileWindow.ReadExactly(file, 0, prefix.AsSpan(0, available));
        if (available < 10 || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw ExternalDataException.Invalid($"'{path}' is not a .npy file (no \\x93NUMPY magic).");
        }

        var major = prefix[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8)), 10L),
            2 or 3 when available == 12 => ((long)BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8)), 12L),
            2 or 3 => throw ExternalDataException.Invalid($"The .npy file '{path}' is truncated."),
            _ => throw ExternalDataException.Unsupported($"The .npy file '{path}' has format version {major}; only 1, 2 and 3 are supported."),
        };
        if (headerLength > MaxHeaderLength)
        {
            throw ExternalDataException.Invalid($"The .npy header of '{path}' claims {headerLength} bytes.");
        }

        var header = ReadText(file, headerStart, (int)headerLength, utf8: major == 3);
        var array = Parse(path, header, headerStart + headerLength);
        var end = checked(array.Offset + (ChunkLayout.Product(array.Shape) * array.DataType.ItemSize));
        return end <= length
            ? array
            : throw ExternalDataException.Invalid($"The .npy file '{path}' is truncated: its data needs {end} bytes, the file has {length}.");
    }

    /// <summary>Interprets the header dict <paramref name="header"/> of a file whose data starts at <paramref name="dataOffset"/>.</summary>
    public static FlatArray Parse(string path, string header, long dataOffset)
    {
        JsonObject dict;
        try
        {
            dict = PyLiteral.Parse(header) as JsonObject ?? throw new FormatException("The header is not a dict.");
        }
        catch (FormatException e)
        {
            throw ExternalDataException.Invalid($"The .npy header of '{path}' cannot be parsed: {e.Message}");
        }

        var descr = dict["descr"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonArray => throw ExternalDataException.Unsupported($"The .npy file '{path}' holds a structured dtype, which is not supported."),
            _ => throw ExternalDataException.Invalid($"The .npy header of '{path}' has no 'descr' string."),
        };
        var dataType = NumpyDType.Parse(descr);
        var shape = JsonIntegers.NonNegativeList(dict["shape"])
            ?? throw ExternalDataException.Invalid($"The .npy header of '{path}' has no 'shape' tuple of non-negative integers.");
        var fortran = dict["fortran_order"] is JsonValue f && f.TryGetValue<bool>(out var flag)
            ? flag
            : throw ExternalDataException.Invalid($"The .npy header of '{path}' has no boolean 'fortran_order'.");

        // A Fortran-ordered array of rank 0 or 1 has the C layout.
        if (fortran && shape.Count(n => n != 1) > 1)
        {
            throw ExternalDataException.Unsupported($"The .npy file '{path}' is in Fortran order; only C order is supported.");
        }

        return new FlatArray(path, dataType, shape, dataOffset);
    }

    private static string ReadText(SafeFileHandle file, long position, int length, bool utf8)
    {
        var bytes = new byte[length];
        FileWindow.ReadExactly(file, position, bytes);
        return utf8 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }
}
