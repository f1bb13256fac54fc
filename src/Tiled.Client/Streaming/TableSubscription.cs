using Tiled.Formats.Arrow;
using Tiled.Formats.Streaming;

namespace Tiled.Client.Streaming;

/// <summary>New data written to a table (Python's <c>new_data</c> of a <c>TableSubscription</c>).</summary>
public sealed class TableSubscription : Subscription
{
    internal TableSubscription(TableClient table) : base(table)
    {
    }

    /// <summary>Called for every write, partition write and append of the table, in sequence order.</summary>
    public event Func<TableDataReceived, Task>? NewData;

    /// <summary>The table's Arrow schema, as the server's schema message announced it (null before connecting).</summary>
    public ArrowSchema? Schema { get; private set; }

    private protected override void OnSchema(StreamMessage schema)
    {
        if (schema.Text("arrow_schema") is { } uri)
        {
            Schema = ArrowSchemaMessage.FromDataUri(uri);
        }
    }

    private protected override bool Handle(StreamMessage message, Action<Func<Task>> enqueue)
    {
        if (message.Type != StreamMessageTypes.TableData)
        {
            return false;
        }

        TableFrame data;
        try
        {
            var payload = message.Bytes("payload");
            data = message.Text("mimetype") == "application/vnd.apache.arrow.stream"
                ? TableFrame.FromArrowStream(payload)
                : TableFrame.FromArrowFile(payload);
        }
        catch (Exception e) when (e is ArrowFormatException or ArrowNotSupportedException)
        {
            // Not data we can read: skipped like any other message we do not understand.
            return false;
        }

        var partition = message.Has("partition") && message["partition"] is not null ? (int?)message.Long("partition") : null;
        Raise(NewData, new TableDataReceived(message.Long("sequence"), message.Timestamp, partition, message["append"] is true, data), enqueue);
        return true;
    }
}
