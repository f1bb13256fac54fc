using System.Buffers.Binary;
using System.Text;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>.npy files built byte by byte, as numpy.save writes them (header padded to 64 bytes, newline-terminated).</summary>
internal static class NpyFiles
{
    public static byte[] Build(string dictionary, byte[] data, int version = 1)
    {
        var prefixLength = version == 1 ? 10 : 12;
        var header = dictionary;
        var total = prefixLength + Encoding.UTF8.GetByteCount(header) + 1;
        header += new string(' ', (64 - (total % 64)) % 64) + "\n";
        var headerBytes = version == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        var file = new byte[prefixLength + headerBytes.Length + data.Length];
        file[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(file, 1);
        file[6] = (byte)version;
        if (version == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), (ushort)headerBytes.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)headerBytes.Length);
        }

        headerBytes.CopyTo(file, prefixLength);
        data.CopyTo(file, prefixLength + headerBytes.Length);
        return file;
    }

    public static byte[] Int32(IEnumerable<int> values, bool bigEndian = false) =>
        values.SelectMany(v =>
        {
            var b = new byte[4];
            if (bigEndian)
            {
                BinaryPrimitives.WriteInt32BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(b, v);
            }

            return b;
        }).ToArray();

    public static byte[] Float64(IEnumerable<double> values) =>
        values.SelectMany(v => BitConverter.GetBytes(v)).ToArray();
}
