namespace Tiled.Formats.Arrow.Ipc;

/// <summary>
/// Where an encapsulated IPC message lies in its input: the FlatBuffer <c>Message</c> at
/// [<see cref="MetadataStart"/>, + <see cref="MetadataLength"/>) (padding included), then the body.
/// </summary>
internal readonly record struct MessageFrame(int MetadataStart, int MetadataLength, byte HeaderType, long BodyLength)
{
    public long BodyStart => (long)MetadataStart + MetadataLength;

    public long End => BodyStart + BodyLength;
}
