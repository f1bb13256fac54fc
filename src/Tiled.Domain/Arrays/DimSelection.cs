namespace Tiled.Domain.Arrays;

/// <summary>
/// What a resolved slice selects along one dimension: <paramref name="Count"/> indices
/// <c>Start, Start+Step, …</c> (all inside the dimension when Count &gt; 0; Step may be negative).
/// <paramref name="Keep"/> is false for an integer index, which drops the dimension from the result.
/// </summary>
public sealed record DimSelection(long Start, long Step, long Count, bool Keep);
