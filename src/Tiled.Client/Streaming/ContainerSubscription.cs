namespace Tiled.Client.Streaming;

/// <summary>Updates about a container's children: created, metadata updated.</summary>
public sealed class ContainerSubscription : Subscription
{
    private readonly ContainerClient _container;

    internal ContainerSubscription(ContainerClient container) : base(container) => _container = container;

    /// <summary>Called for each child created in the container (Python's <c>child_created</c>).</summary>
    public event Func<ChildCreated, Task>? ChildCreated;

    /// <summary>Called when a child's metadata changes (Python's <c>child_metadata_updated</c>).</summary>
    public event Func<ChildMetadataUpdated, Task>? ChildMetadataUpdated;

    private protected override bool Handle(StreamMessage message, Action<Func<Task>> enqueue)
    {
        switch (message.Type)
        {
            case "container-child-created":
                Raise(ChildCreated, new ChildCreated(message.Long("sequence"), message.Timestamp, message.Text("key") ?? "",
                    message.Text("structure_family") ?? "", MsgpackJson.Object(message["metadata"]), _container), enqueue);
                return true;
            case "container-child-metadata-updated":
                Raise(ChildMetadataUpdated, new ChildMetadataUpdated(message.Long("sequence"), message.Timestamp, message.Text("key") ?? "",
                    MsgpackJson.Object(message["metadata"])), enqueue);
                return true;
            default:
                return false;
        }
    }
}
