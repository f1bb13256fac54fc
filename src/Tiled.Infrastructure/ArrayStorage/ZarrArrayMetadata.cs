using System.Text.Json.Nodes;
using Tiled.Domain.Arrays;
using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// The parts of a Zarr v2 <c>.zarray</c> that the store needs: shape, chunk shape, dtype, compressor,
/// chunk key separator and the fill pattern (null when missing chunks read as zeros).
/// </summary>
internal sealed record ZarrArrayMetadata(
    long[] Shape, long[] Chunks, string DType, ZarrDType Element, string? CompressorId, string Separator, byte[]? FillPattern)
{
    public const string FileName = ".zarray";

    public int Rank => Shape.Length;

    /// <summary>Bytes of one full (possibly edge) chunk; checked against the largest array at parse time.</summary>
    public int ChunkByteCount => (int)(ChunkLayout.Product(Chunks) * Element.ItemSize);

    /// <summary>The <c>.zarray</c> of a new, uncompressed, zero-filled C-order array.</summary>
    public static JsonObject Create(DataType dataType, long[] shape, long[] chunks) => new()
    {
        ["zarr_format"] = 2,
        ["shape"] = ToJson(shape),
        ["chunks"] = ToJson(chunks),
        ["dtype"] = dataType.ToNumpyString(),
        ["compressor"] = null,
        ["fill_value"] = ZarrFillValue.Zero(dataType.Kind),
        ["order"] = "C",
        ["filters"] = null,
        ["dimension_separator"] = ".",
    };

    /// <summary>
    /// The Zarr chunk shape for <paramref name="structure"/>: the first chunk length per dimension,
    /// or 1 along a zero-length dimension (Zarr chunk lengths must be positive).
    /// </summary>
    public static long[] DefaultChunks(ArrayStructure structure)
    {
        if (structure.Chunks.Length != structure.Rank)
        {
            throw new ArgumentException("The structure's chunks must have one entry per dimension.", nameof(structure));
        }

        var chunks = new long[structure.Rank];
        for (var d = 0; d < chunks.Length; d++)
        {
            var first = structure.Chunks[d] is { Length: > 0 } lengths ? lengths[0] : 0;
            chunks[d] = structure.Shape[d] > 0 && first > 0 ? first : 1;
        }

        return chunks;
    }

    public static JsonArray ToJson(long[] values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>
    /// Reads a <c>.zarray</c>; throws <see cref="InvalidDataException"/> when it is malformed and
    /// <see cref="NotSupportedException"/> for features we do not implement (F order, filters,
    /// compressors other than zlib and gzip, structured dtypes).
    /// </summary>
    public static ZarrArrayMetadata Parse(JsonObject json)
    {
        if (json["zarr_format"] is not JsonValue format || !format.TryGetValue<int>(out var version) || version != 2)
        {
            throw new NotSupportedException("Only Zarr format 2 arrays are supported.");
        }

        var shape = ReadLongs(json, "shape", minimum: 0);
        var chunks = ReadLongs(json, "chunks", minimum: 1);
        if (chunks.Length != shape.Length)
        {
            throw new InvalidDataException("A .zarray's chunks and shape have different ranks.");
        }

        var dtype = json["dtype"] is JsonValue d && d.TryGetValue<string>(out var text)
            ? text
            : throw new NotSupportedException("Only simple (non-structured) Zarr dtypes are supported.");
        var element = ZarrDType.Parse(dtype);
        if (ChunkLayout.Product(chunks) > Array.MaxLength / element.ItemSize)
        {
            throw new NotSupportedException("A Zarr chunk of this size does not fit in memory.");
        }

        RequireString(json, "order", "C", "Only C-order Zarr arrays are supported.");
        if (json["filters"] is JsonArray { Count: > 0 })
        {
            throw new NotSupportedException("Zarr arrays with filters are not supported.");
        }

        var compressor = ReadCompressorId(json["compressor"]);
        var separator = json["dimension_separator"] is JsonValue s && s.TryGetValue<string>(out var sep) ? sep : ".";
        if (separator is not ("." or "/"))
        {
            throw new InvalidDataException($"Zarr dimension_separator '{separator}' is neither '.' nor '/'.");
        }

        var fill = ZarrFillValue.ToPattern(json["fill_value"], element);
        return new ZarrArrayMetadata(shape, chunks, dtype, element, compressor, separator, fill);
    }

    private static string? ReadCompressorId(JsonNode? compressor)
    {
        if (compressor is null)
        {
            return null;
        }

        var id = compressor["id"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
        return ChunkCodec.IsSupported(id)
            ? id
            : throw new NotSupportedException($"Zarr compressor '{id}' is not supported (only none, zlib and gzip).");
    }

    private static void RequireString(JsonObject json, string key, string expected, string message)
    {
        if (json[key] is not JsonValue v || !v.TryGetValue<string>(out var text) || text != expected)
        {
            throw new NotSupportedException(message);
        }
    }

    private static long[] ReadLongs(JsonObject json, string key, long minimum)
    {
        if (json[key] is not JsonArray items)
        {
            throw new InvalidDataException($"A .zarray's '{key}' is not a list.");
        }

        var values = new long[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (items[i] is not JsonValue item || !item.TryGetValue<long>(out values[i]) || values[i] < minimum)
            {
                throw new InvalidDataException($"A .zarray's '{key}' holds a value that is not an integer of at least {minimum}.");
            }
        }

        return values;
    }
}
