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

    /// <summary>
    /// Called for every write, block write and patch of the array, in sequence order. A large write the
    /// server streamed by reference is fetched from its <c>uri</c> first (the region as stored then).
    /// </summary>
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
        if (message.Type == StreamMessageTypes.ArrayRef && message.Map(StreamMessageKeys.ArrayDataByReference) is { } byReference
            && _dataType is not null)
        {
            RaiseFetched(message, new StreamMessage(byReference), _dataType, enqueue);
            return true;
        }

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

    /// <summary>Raises <see cref="NewData"/> for a write sent by reference, fetching its region once for all handlers.</summary>
    private void RaiseFetched(StreamMessage message, StreamMessage fields, DataType dataType, Action<Func<Task>> enqueue)
    {
        var uri = message.Text("uri") ?? "";
        var payload = new Lazy<Task<byte[]>>(() => _array.GetRegionAsync(uri, CancellationToken.None));
        var (sequence, timestamp) = (message.Long("sequence"), message.Timestamp);
        foreach (var handler in NewData?.GetInvocationList().Cast<Func<ArrayDataReceived, Task>>() ?? [])
        {
            enqueue(async () => await handler(new ArrayDataReceived(sequence, timestamp, fields.Longs("shape") ?? [], fields.Longs("offset"),
                fields.Longs("block"), dataType, await payload.Value)));
        }
    }
}
