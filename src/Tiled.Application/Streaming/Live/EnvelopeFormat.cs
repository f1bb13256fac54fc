namespace Tiled.Application.Streaming.Live;

/// <summary>How stream messages are framed (query parameter <c>envelope_format</c>, protocol §9.5).</summary>
public enum EnvelopeFormat
{
    /// <summary>One text frame per message, a JSON object; payloads transcoded (§9.8).</summary>
    Json,

    /// <summary>One binary frame per message, a msgpack map; payloads as bin. The Python client uses this.</summary>
    Msgpack,
}
