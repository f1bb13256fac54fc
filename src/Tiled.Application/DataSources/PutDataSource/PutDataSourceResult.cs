using Tiled.Domain.DataSources;

namespace Tiled.Application.DataSources.PutDataSource;

/// <summary>The stored data source and the sequence number of its <c>array-ref</c> announcement (null for non-arrays).</summary>
public sealed record PutDataSourceResult(DataSource Source, long? Sequence);
