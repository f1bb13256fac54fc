namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Identifies one state of a node row: ids are never reused (AUTOINCREMENT / identity) and
/// <c>version</c> rises with every change, so equal stamps mean equal content.
/// </summary>
internal sealed record NodeStamp(long Id, long Version);
