namespace Tiled.Application.Streaming;

/// <summary>
/// Which array writes are streamed by reference (Tiled issue #1154): a persisted write whose payload
/// is larger than <see cref="InlineLimitBytes"/> is announced as an <c>array-ref</c> pointing at the
/// stored region, so the stream's history and its subscribers stay small. 0 sends every payload inline.
/// </summary>
public sealed record StreamPayloadOptions(long InlineLimitBytes = StreamPayloadOptions.DefaultInlineLimitBytes)
{
    public const long DefaultInlineLimitBytes = 1024 * 1024;

    public bool SendsByReference(long payloadBytes) => InlineLimitBytes > 0 && payloadBytes > InlineLimitBytes;
}
