namespace Tiled.Client;

/// <summary>Convenience constructors for <see cref="NdArray{T}"/>.</summary>
public static class NdArray
{
    /// <summary>A 1-d array of the given values.</summary>
    public static NdArray<T> From<T>(params T[] values) where T : unmanaged => new(values, values.LongLength);

    /// <summary>An array of the given values and shape (C order).</summary>
    public static NdArray<T> Create<T>(T[] values, params long[] shape) where T : unmanaged => new(values, shape);
}
