using Tiled.Domain.DataSources;

namespace Tiled.Application.Streaming;

/// <summary>
/// Where a persisted array write can be read back: the array's data source (with the structure after
/// the write), its full shape, and the written box. What a by-reference update points at.
/// </summary>
public sealed record StoredRegion(DataSource Source, long[] ArrayShape, long[] Offset, long[] Shape);
