using Tiled.Formats.DataTypes;

namespace Tiled.Client.Streaming;

/// <summary>
/// New data for the subscribed array: a whole-array write (<see cref="Offset"/> and <see cref="Block"/>
/// null), a block write (<see cref="Block"/> set) or a patch (<see cref="Offset"/> set). <see cref="Shape"/>
/// is the shape of <see cref="Payload"/>.
/// </summary>
public sealed record ArrayDataReceived(long Sequence, DateTimeOffset Timestamp, long[] Shape, long[]? Offset, long[]? Block,
    DataType DataType, ReadOnlyMemory<byte> Payload) : StreamUpdate(Sequence, Timestamp)
{
    /// <summary>The payload decoded as an array of <typeparamref name="T"/>.</summary>
    public NdArray<T> Data<T>() where T : unmanaged => NdArray<T>.FromBytes(Payload.Span, DataType, Shape);
}
