using System.Buffers.Binary;
using Tiled.Formats.Arrow.FlatBuffers;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Encapsulated IPC messages (Message.fbs): the continuation marker 0xFFFFFFFF, an int32 metadata
/// length, the <c>Message</c> FlatBuffer padded to 8 bytes, then the body. A zero length is the
/// end-of-stream marker. The pre-1.0 framing without the continuation marker is read too.
/// </summary>
internal static class MessageCodec
{
    public const short V4 = 3;
    public const short V5 = 4;
    public const byte SchemaHeader = 1;
    public const byte DictionaryBatchHeader = 2;
    public const byte RecordBatchHeader = 3;
    public const uint Continuation = 0xFFFF_FFFF;

    /// <summary>The end-of-stream marker: continuation, then a zero length.</summary>
    public static ReadOnlyMemory<byte> EndOfStream { get; } = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 };

    /// <summary>
    /// Reads the framing of the message at <paramref name="position"/>; false at the end of the
    /// data or at an end-of-stream marker. The metadata must lie inside <paramref name="data"/>;
    /// the body is not checked here.
    /// </summary>
    public static bool TryReadFrame(ReadOnlySpan<byte> data, long position, out MessageFrame frame)
    {
        frame = default;
        if (position == data.Length)
        {
            return false;
        }

        Need(data, position, 4);
        long length = BinaryPrimitives.ReadInt32LittleEndian(data[(int)position..]);
        var start = position + 4;
        if ((uint)length == Continuation)
        {
            Need(data, position, 8);
            length = BinaryPrimitives.ReadInt32LittleEndian(data[(int)start..]);
            start += 4;
        }

        if (length == 0)
        {
            return false;
        }

        if (length < 0)
        {
            throw new ArrowFormatException($"The message at byte {position} has a negative metadata length.");
        }

        Need(data, start, length);
        var message = FlatBufferTable.Root(data.Slice((int)start, (int)length), "message");
        var version = message.GetInt16(0);
        if (version < V4)
        {
            throw new ArrowNotSupportedException($"The message at byte {position} uses Arrow metadata version V{version + 1}; V4 and V5 are supported.");
        }

        var bodyLength = message.GetInt64(3);
        if (bodyLength < 0)
        {
            throw new ArrowFormatException($"The message at byte {position} has a negative body length.");
        }

        frame = new MessageFrame((int)start, (int)length, message.GetByte(1), bodyLength);
        return true;
    }

    /// <summary>The header table of a framed message, which must be of <paramref name="headerType"/>.</summary>
    public static FlatBufferTable Header(ReadOnlySpan<byte> data, MessageFrame frame, byte headerType, string what)
    {
        if (frame.HeaderType != headerType)
        {
            throw frame.HeaderType switch
            {
                DictionaryBatchHeader => new ArrowNotSupportedException("Dictionary batches are not supported."),
                SchemaHeader or RecordBatchHeader => new ArrowFormatException($"Expected a {what} message at byte {frame.MetadataStart} but found a {Name(frame.HeaderType)} message."),
                _ => new ArrowNotSupportedException($"Messages of type {Name(frame.HeaderType)} are not supported."),
            };
        }

        var message = FlatBufferTable.Root(data.Slice(frame.MetadataStart, frame.MetadataLength), "message");
        return message.TryGetTable(2, what, out var header)
            ? header
            : throw new ArrowFormatException($"The {what} message at byte {frame.MetadataStart} has no header.");
    }

    /// <summary>
    /// The framed metadata of a message: continuation, length, the FlatBuffer <c>Message</c> with the
    /// header that <paramref name="buildHeader"/> creates, and zero padding to a multiple of 8 bytes.
    /// </summary>
    public static byte[] Encode(byte headerType, Func<FlatBufferBuilder, int> buildHeader, long bodyLength)
    {
        var builder = new FlatBufferBuilder();
        var header = buildHeader(builder);
        builder.StartTable(5);
        builder.AddInt16(0, V5);
        builder.AddByte(1, headerType);
        builder.AddOffset(2, header);
        builder.AddInt64(3, bodyLength);
        var flatBuffer = builder.Finish(builder.EndTable());
        var framed = new byte[(8 + flatBuffer.Length + 7) & ~7];
        BinaryPrimitives.WriteUInt32LittleEndian(framed, Continuation);
        BinaryPrimitives.WriteInt32LittleEndian(framed.AsSpan(4), framed.Length - 8);
        flatBuffer.CopyTo(framed, 8);
        return framed;
    }

    private static string Name(byte headerType) => headerType switch
    {
        SchemaHeader => "Schema",
        DictionaryBatchHeader => "DictionaryBatch",
        RecordBatchHeader => "RecordBatch",
        4 => "Tensor",
        5 => "SparseTensor",
        _ => $"unknown ({headerType})",
    };

    private static void Need(ReadOnlySpan<byte> data, long position, long length)
    {
        if (position + length > data.Length)
        {
            throw new ArrowFormatException($"The input is truncated: a message at byte {position} needs {length} bytes but only {data.Length - position} remain.");
        }
    }
}
