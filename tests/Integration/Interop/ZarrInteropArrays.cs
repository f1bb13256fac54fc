using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;

namespace Tiled.IntegrationTests.Interop;

/// <summary>Structures and value conversions shared by the Zarr interop tests.</summary>
internal static class ZarrInteropArrays
{
    /// <summary>A structure with regular chunks of <paramref name="chunk"/> per dimension (the last one ragged).</summary>
    public static ArrayStructure Structure(DataType dataType, long[] shape, long[] chunk) =>
        new(dataType, shape, shape.Select((n, d) => RegularChunks(n, chunk[d])).ToArray());

    /// <summary>The data type of a numpy dtype string such as <c>&gt;f8</c>.</summary>
    public static DataType DataTypeOf(string numpy)
    {
        var size = int.Parse(numpy[2..], CultureInfo.InvariantCulture);
        var order = size == 1 ? Endianness.NotApplicable : numpy[0] == '>' ? Endianness.Big : Endianness.Little;
        return new DataType(numpy[1], size, order);
    }

    /// <summary>The creation spec that <see cref="ZarrInteropWorkspace.CreateWithPythonAsync"/> hands to zarr-python.</summary>
    public static JsonObject Spec(string dtype, long[] shape, long[] chunks) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(shape.Select(n => (JsonNode?)n).ToArray()),
        ["chunks"] = new JsonArray(chunks.Select(n => (JsonNode?)n).ToArray()),
    };

    public static byte[] LittleEndian<T>(T[] values)
        where T : struct => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>C-order element bytes of <paramref name="dtype"/> as numbers.</summary>
    public static double[] Decode(byte[] bytes, string dtype)
    {
        var itemSize = int.Parse(dtype[2..], CultureInfo.InvariantCulture);
        var big = dtype[0] == '>';
        return Enumerable.Range(0, bytes.Length / itemSize).Select(i =>
        {
            var item = bytes.AsSpan(i * itemSize, itemSize);
            return dtype[1..] switch
            {
                "i2" => big ? BinaryPrimitives.ReadInt16BigEndian(item) : BinaryPrimitives.ReadInt16LittleEndian(item),
                "u2" => big ? BinaryPrimitives.ReadUInt16BigEndian(item) : BinaryPrimitives.ReadUInt16LittleEndian(item),
                "i4" => big ? BinaryPrimitives.ReadInt32BigEndian(item) : BinaryPrimitives.ReadInt32LittleEndian(item),
                "i8" => big ? BinaryPrimitives.ReadInt64BigEndian(item) : BinaryPrimitives.ReadInt64LittleEndian(item),
                "f8" => big ? BinaryPrimitives.ReadDoubleBigEndian(item) : BinaryPrimitives.ReadDoubleLittleEndian(item),
                _ => throw new NotSupportedException(dtype),
            };
        }).ToArray();
    }

    /// <summary>The flat values that <see cref="ZarrInteropWorkspace.ReadWithPythonAsync"/> reported.</summary>
    public static JsonArray Values(JsonObject read) => read["values"]!.AsArray();

    private static long[] RegularChunks(long length, long chunk)
    {
        var chunks = new List<long>();
        for (var at = 0L; at < length; at += chunk)
        {
            chunks.Add(Math.Min(chunk, length - at));
        }

        return chunks.Count == 0 ? [0] : [.. chunks];
    }
}
