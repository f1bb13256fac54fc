namespace Tiled.Formats.ArrayText;

/// <summary>The element encodings the text codecs can decode.</summary>
internal enum ArrayElementType
{
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
    DateTime,
    TimeDelta,
    Bytes,
    Unicode,
}
