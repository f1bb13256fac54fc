namespace Tiled.Client.Streaming;

/// <summary>
/// New rows for the subscribed table: a whole-table write (<see cref="Partition"/> null), a partition
/// replaced (<see cref="Append"/> false) or rows appended to a partition (<see cref="Append"/> true).
/// <see cref="Data"/> holds exactly the rows that were sent.
/// </summary>
public sealed record TableDataReceived(long Sequence, DateTimeOffset Timestamp, int? Partition, bool Append, TableFrame Data)
    : StreamUpdate(Sequence, Timestamp);
