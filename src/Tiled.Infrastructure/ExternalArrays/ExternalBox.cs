using Tiled.Application.Abstractions;
using Tiled.Domain.Arrays;
using Tiled.Infrastructure.ArrayStorage;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>Checks shared by every format: the box lies in the structure, the file holds the structure's shape.</summary>
internal static class ExternalBox
{
    /// <summary>A zeroed buffer for the box; throws <see cref="ArgumentException"/> when the box is outside the shape or too large.</summary>
    public static byte[] Allocate(ArrayStructure structure, long[] start, long[] count)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        if (!ChunkLayout.BoxFits(structure.Shape, start, count))
        {
            throw new ArgumentException(
                $"The box at [{string.Join(", ", start)}] of shape [{string.Join(", ", count)}] does not lie inside "
                + $"the array's shape [{string.Join(", ", structure.Shape)}].");
        }

        var bytes = ChunkLayout.Product(count) * structure.DataType.ItemSize;
        return bytes <= Array.MaxLength
            ? new byte[bytes]
            : throw new ArgumentException($"A box of {bytes} bytes is larger than one buffer can hold.", nameof(count));
    }

    /// <summary>Throws <c>invalid-external-data</c> unless the file's <paramref name="shape"/> is the declared one.</summary>
    public static void RequireShape(long[] shape, ArrayStructure structure, string what)
    {
        if (!shape.AsSpan().SequenceEqual(structure.Shape))
        {
            throw ExternalDataException.Invalid(
                $"{what} holds an array of shape {Format(shape)} but the structure declares {Format(structure.Shape)}.");
        }
    }

    /// <summary>A shape as Python prints a tuple: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    public static string Format(long[] shape) => shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";

    /// <summary>
    /// A chunking for arrays stored flat: whole along every dimension while a chunk stays under
    /// <paramref name="targetBytes"/>, splitting the outermost dimensions first.
    /// </summary>
    public static long[][] FlatChunks(long[] shape, int itemSize, long targetBytes = 64L << 20)
    {
        var chunk = shape.Select(n => Math.Max(n, 1)).ToArray();
        for (var d = 0; d < chunk.Length; d++)
        {
            var inner = (long)itemSize;
            for (var e = d + 1; e < chunk.Length; e++)
            {
                inner = inner > long.MaxValue / chunk[e] ? long.MaxValue : inner * chunk[e];
            }

            if (inner <= targetBytes / chunk[d])
            {
                break;
            }

            chunk[d] = Math.Max(1, targetBytes / inner);
            if (inner <= targetBytes)
            {
                break;
            }
        }

        return ChunkGrid.Regular(shape, chunk);
    }
}
