namespace Tiled.Infrastructure.TableStorage;

/// <summary>
/// Where <see cref="FileSystemTableStore"/> creates table directories: one per table data source
/// under <paramref name="Root"/> (created on first use; a relative path is resolved against the
/// current directory).
/// </summary>
public sealed record TableStorageOptions(string Root);
