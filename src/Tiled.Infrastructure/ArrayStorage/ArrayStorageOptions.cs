namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Where <see cref="FileSystemArrayStore"/> creates new Zarr v2 stores: one directory per array
/// data source under <paramref name="Root"/> (created on first use; a relative path is resolved
/// against the current directory).
/// </summary>
public sealed record ArrayStorageOptions(string Root);
