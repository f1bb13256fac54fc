using Tiled.Formats.DataTypes;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// What decides the bytes of an encoded update besides the entry itself: the envelope, the element
/// type (JSON only) and the link base of <c>array-ref</c> updates. Subscribers whose encoders have
/// equal keys share one frame per message.
/// </summary>
public readonly record struct FrameKey(EnvelopeFormat Format, DataType? DataType, string? LinkBase);
