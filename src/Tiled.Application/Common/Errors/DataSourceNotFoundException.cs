using Tiled.Domain.Common;

namespace Tiled.Application.Common.Errors;

/// <summary>
/// No data source with <see cref="DataSourceId"/> (HTTP 404). The message is Tiled's detail,
/// <c>No data_source 5 on this node.</c>
/// </summary>
public sealed class DataSourceNotFoundException(long dataSourceId)
    : DomainException("not-found", $"No data_source {dataSourceId} on this node.")
{
    public long DataSourceId { get; } = dataSourceId;
}
