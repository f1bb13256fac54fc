namespace Tiled.Infrastructure.Persistence.Rows;

/// <summary>The metadata and specs a node had before an update; numbered 1, 2, ... per node.</summary>
internal sealed class RevisionRow
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public NodeRow Node { get; set; } = null!;

    public long RevisionNumber { get; set; }

    public string Metadata { get; set; } = "{}";

    public string Specs { get; set; } = "[]";

    public DateTimeOffset TimeUpdated { get; set; }
}
