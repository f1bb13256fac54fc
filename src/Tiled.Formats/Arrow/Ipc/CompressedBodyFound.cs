using Apache.Arrow.Ipc;

namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Thrown by <see cref="Factory"/> when a reader meets a compressed body, before it allocates
/// anything for it, so the caller can read the input again with a reader it can bound.
/// </summary>
internal sealed class CompressedBodyFound : Exception
{
    public static ICompressionCodecFactory Factory { get; } = new RefusingFactory();

    private sealed class RefusingFactory : ICompressionCodecFactory
    {
        public ICompressionCodec CreateCodec(CompressionCodecType compressionCodecType) => throw new CompressedBodyFound();

        public ICompressionCodec CreateCodec(CompressionCodecType compressionCodecType, int? compressionLevel) => throw new CompressedBodyFound();
    }
}
