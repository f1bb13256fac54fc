using Tiled.Formats.DataTypes;
using Tiled.Formats.Streaming;

namespace Tiled.Client.Streaming;

/// <summary>New data written to an array (Python's <c>new_data</c>).</summary>
public sealed class ArraySubscription : Subscription
{
    private readonly ArrayClient _array;
    private DataType? _dataType;

    internal ArraySubscription(ArrayClient array) : base(array)
    {
        _array = array;
        _dataType = array.DataType;
    }

    /// <summary>Called for every write, block write and patch of the array, in sequence order.</summary>
    public event Func<ArrayDataReceived, Task>? NewData;

    /// <summary>Called when a registered data source of the array is replaced (Tiled's <c>array-ref</c>).</summary>
    public event Func<ArrayRefReceived, Task>? NewReference;

    private protected override void OnSchema(StreamMessage schema)
    {
        if (schema.Map("data_type") is { } dtype)
        {
            _dataType = DataType.FromJson(MsgpackJson.ToJson(dtype));
        }
    }

    private protected override bool Handle(StreamMessage message, Action<Func<Task>> enqueue)
    {
        if (message.Type == StreamMessageTypes.ArrayRef && _dataType is not null)
        {
            var patch = message.Map("patch");
            Raise(NewReference, new ArrayRefReceived(message.Long("sequence"), message.Timestamp, message.Longs("shape") ?? [],
                patch is null ? null : new StreamMessage(patch).Longs("offset"), patch is null ? null : new StreamMessage(patch).Longs("shape"),
                message.Text("uri") ?? "", _dataType, _array), enqueue);
            return true;
        }

        if (message.Type != StreamMessageTypes.ArrayData || _dataType is null)
        {
            return false;
        }

        Raise(NewData, new ArrayDataReceived(message.Long("sequence"), message.Timestamp, message.Longs("shape") ?? [],
            message.Longs("offset"), message.Longs("block"), _dataType, message.Bytes("payload")), enqueue);
        return true;
    }
}
