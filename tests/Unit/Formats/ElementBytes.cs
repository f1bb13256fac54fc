using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tiled.UnitTests.Formats;

/// <summary>Builds raw array buffers in a chosen byte order, as numpy lays them out.</summary>
internal static class ElementBytes
{
    public static byte[] Little<T>(params T[] values)
        where T : unmanaged => Of(bigEndian: false, values);

    public static byte[] Big<T>(params T[] values)
        where T : unmanaged => Of(bigEndian: true, values);

    public static byte[] Of<T>(bool bigEndian, params T[] values)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (bigEndian == BitConverter.IsLittleEndian)
        {
            var size = Unsafe.SizeOf<T>();
            for (var i = 0; i < bytes.Length; i += size)
            {
                Array.Reverse(bytes, i, size);
            }
        }

        return bytes;
    }

    /// <summary>A numpy U element of <paramref name="width"/> code points, NUL-padded.</summary>
    public static byte[] Ucs4(bool bigEndian, int width, params string[] values)
    {
        var units = new List<int>();
        foreach (var value in values)
        {
            var runes = value.EnumerateRunes().Select(r => r.Value).ToList();
            units.AddRange(runes);
            units.AddRange(Enumerable.Repeat(0, width - runes.Count));
        }

        return Of(bigEndian, units.ToArray());
    }

    /// <summary>A numpy S element of <paramref name="width"/> bytes, NUL-padded.</summary>
    public static byte[] Latin1(int width, params string[] values) =>
        values.SelectMany(v => v.Select(c => (byte)c).Concat(Enumerable.Repeat((byte)0, width - v.Length))).ToArray();
}
