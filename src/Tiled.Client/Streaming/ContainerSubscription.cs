using Tiled.Formats.Streaming;

namespace Tiled.Client.Streaming;

/// <summary>Updates about a container's children: created, metadata updated, deleted.</summary>
public sealed class ContainerSubscription : Subscription
{
    private readonly ContainerClient _container;

    internal ContainerSubscription(ContainerClient container) : base(container) => _container = container;

    /// <summary>Called for each child created in the container (Python's <c>child_created</c>).</summary>
    public event Func<ChildCreated, Task>? ChildCreated;

    /// <summary>Called when a child's metadata changes (Python's <c>child_metadata_updated</c>).</summary>
    public event Func<ChildMetadataUpdated, Task>? ChildMetadataUpdated;

    /// <summary>Called when a child is deleted (this server's addition; Tiled does not announce deletions).</summary>
    public event Func<ChildDeleted, Task>? ChildDeleted;

    private protected override bool Handle(StreamMessage message, Action<Func<Task>> enqueue)
    {
        switch (message.Type)
        {
            case StreamMessageTypes.ContainerChildCreated:
                Raise(ChildCreated, new ChildCreated(message.Long("sequence"), message.Timestamp, message.Text("key") ?? "",
                    message.Text("structure_family") ?? "", MsgpackJson.Object(message["metadata"]), _container), enqueue);
                return true;
            case StreamMessageTypes.ContainerChildMetadataUpdated:
                Raise(ChildMetadataUpdated, new ChildMetadataUpdated(message.Long("sequence"), message.Timestamp, message.Text("key") ?? "",
                    MsgpackJson.Object(message["metadata"])), enqueue);
                return true;
            case StreamMessageTypes.ContainerChildDeleted:
                Raise(ChildDeleted, new ChildDeleted(message.Long("sequence"), message.Timestamp, message.Text("key") ?? ""), enqueue);
                return true;
            default:
                return false;
        }
    }
}
