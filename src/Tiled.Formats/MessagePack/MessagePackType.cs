namespace Tiled.Formats.MessagePack;

/// <summary>The family of the next MessagePack value, as told by its first byte.</summary>
public enum MessagePackType
{
    /// <summary>The byte 0xc1, which the specification never uses; reading it fails.</summary>
    Unknown,
    Nil,
    Boolean,
    Integer,
    Float,
    String,
    Binary,
    Array,
    Map,
    Extension,
}
