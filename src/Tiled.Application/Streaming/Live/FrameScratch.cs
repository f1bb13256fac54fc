using System.Buffers;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// Per-thread scratch space for encoding. A frame is built here and copied once into an array of
/// exactly its size: the subscribers of a node share that array until each has sent it, so frames
/// themselves are never pooled.
/// </summary>
public static class FrameScratch
{
    /// <summary>A larger buffer (a big JSON payload) is left to the GC instead of being kept per thread.</summary>
    private const int KeepAtMostBytes = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    public static ArrayBufferWriter<byte> Rent()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= KeepAtMostBytes)
        {
            t_buffer = buffer;
        }
    }
}
