namespace Tiled.Domain.DataSources;

/// <summary>A file or directory backing a data source.</summary>
public sealed record Asset(long? Id, string DataUri, bool IsDirectory, string? Parameter, int? Num, long? Size = null);
