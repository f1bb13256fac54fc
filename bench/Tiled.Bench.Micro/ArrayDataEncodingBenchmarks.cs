using System.Buffers;
using BenchmarkDotNet.Attributes;
using MessagePack;

namespace Tiled.Bench.Micro;

/// <summary>
/// Encoding and decoding one <c>array-data</c> stream message (wire protocol §9.5) whose payload is a
/// 512×512 uint32 frame (1 MiB), as the server does once per subscriber and the client once per frame,
/// with MessagePack-CSharp's low-level writer and reader.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
[MemoryDiagnoser]
public class ArrayDataEncodingBenchmarks
{
    private const int Side = 512;

    private readonly byte[] _payload = new byte[Side * Side * sizeof(uint)];
    private readonly ArrayBufferWriter<byte> _output = new(Side * Side * sizeof(uint) + 256);
    private readonly DateTimeOffset _timestamp = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_payload);
        _encoded = EncodeFresh();
    }

    /// <summary>Into a buffer that is reused (what a pooled encoder would do).</summary>
    [Benchmark(Baseline = true)]
    public int EncodeIntoReusedBuffer()
    {
        _output.ResetWrittenCount();
        var writer = new MessagePackWriter(_output);
        Write(ref writer);
        writer.Flush();
        return _output.WrittenCount;
    }

    /// <summary>
    /// Into a new buffer sized for the message (a large-object-heap allocation for a 1 MiB frame):
    /// what the server's msgpack envelope encoder does, once per message and node, for payloads
    /// under 64 KiB; larger payloads follow the encoded head as a frame of their own, uncopied.
    /// </summary>
    [Benchmark]
    public int EncodeIntoNewBuffer()
    {
        var buffer = new ArrayBufferWriter<byte>(_payload.Length + 256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer);
        writer.Flush();
        return buffer.WrittenCount;
    }

    /// <summary>Reads the keys the subscriber needs (type, sequence, payload) and skips the rest.</summary>
    [Benchmark]
    public long Decode()
    {
        var reader = new MessagePackReader(_encoded);
        var count = reader.ReadMapHeader();
        long sequence = 0;
        var payloadLength = 0;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadString())
            {
                case "sequence":
                    sequence = reader.ReadInt64();
                    break;
                case "payload":
                    payloadLength = (int)reader.ReadBytes()!.Value.Length;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return sequence + payloadLength;
    }

    private byte[] EncodeFresh()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(8);
        writer.Write("type");
        writer.Write("array-data");
        writer.Write("sequence");
        writer.Write(12345);
        writer.Write("timestamp");
        writer.Write(_timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        writer.Write("mimetype");
        writer.Write("application/octet-stream");
        writer.Write("shape");
        writer.WriteArrayHeader(2);
        writer.Write(Side);
        writer.Write(Side);
        writer.Write("offset");
        writer.WriteNil();
        writer.Write("block");
        writer.WriteNil();
        writer.Write("payload");
        writer.Write(_payload.AsSpan());
    }
}
