namespace Tiled.Application.Search;

public enum SortTarget
{
    /// <summary>Insertion order (node id): Tiled's empty sort key.</summary>
    Default,

    /// <summary>The child's key (Tiled's <c>id</c>).</summary>
    NodeKey,

    /// <summary>A metadata value; missing values sort after all others.</summary>
    Metadata,
}

/// <summary>One key of a sort (protocol additions §3.4).</summary>
public sealed record SortKey(SortTarget Target, MetadataKey? Key, bool Descending)
{
    public static SortKey Default { get; } = new(SortTarget.Default, null, false);

    /// <summary>The wire name: <c>""</c>, <c>id</c> or the dotted metadata path.</summary>
    public string Name => Target switch
    {
        SortTarget.Default => "",
        SortTarget.NodeKey => "id",
        _ => Key!.Dotted,
    };
}
