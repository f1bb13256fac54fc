namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>A child on a search page: its catalog id and the stored size of its JSON columns, to plan the batches it is read in.</summary>
internal readonly record struct PageRow(long Id, long StoredSize);
