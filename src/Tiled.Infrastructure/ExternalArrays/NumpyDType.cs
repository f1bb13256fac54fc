using System.Globalization;
using Tiled.Application.Abstractions;
using Tiled.Formats.DataTypes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// numpy type strings (<c>&lt;f4</c>, <c>&gt;i2</c>, <c>|u1</c>, <c>&lt;M8[ns]</c>, <c>|S5</c>, <c>&lt;U3</c>) as
/// <see cref="DataType"/>s. The order character may be omitted or <c>=</c> (native: little-endian).
/// </summary>
internal static class NumpyDType
{
    /// <summary>
    /// Parses <paramref name="text"/>; throws <c>invalid-external-data</c> when it is not a type string
    /// and <c>unsupported-media-type</c> for kinds or sizes we do not serve (objects, long doubles, ...).
    /// </summary>
    public static DataType Parse(string text)
    {
        var rest = text.AsSpan();
        var order = rest.Length > 0 && "<>|=".Contains(rest[0]) ? rest[0] : '=';
        if (rest.Length > 0 && rest[0] == order)
        {
            rest = rest[1..];
        }

        if (rest.Length == 0 || !char.IsAsciiLetter(rest[0]))
        {
            throw ExternalDataException.Invalid($"'{text}' is not a numpy dtype string such as '<f4', '>i2' or '|u1'.");
        }

        var kind = rest[0];
        if (!"biufcMmSUV".Contains(kind, StringComparison.Ordinal))
        {
            throw ExternalDataException.Unsupported($"The numpy dtype '{text}' (kind '{kind}') is not supported.");
        }

        var digits = 1;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
        {
            digits++;
        }

        var units = rest[digits..].ToString();
        if (digits == 1 || !int.TryParse(rest[1..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0
            || (units.Length > 0 && !DateTimeUnits.IsValid(units)))
        {
            throw ExternalDataException.Invalid($"'{text}' is not a numpy dtype string such as '<f4', '>i2' or '|u1'.");
        }

        var itemSize = kind == 'U' ? checked(size * 4) : size;
        if (!DataType.IsSupported(kind, itemSize) || (units.Length > 0) != (kind is 'M' or 'm'))
        {
            throw ExternalDataException.Unsupported($"The numpy dtype '{text}' is not supported.");
        }

        var endianness = itemSize == 1 || kind is 'b' or 'S' or 'V'
            ? Endianness.NotApplicable
            : order == '>' ? Endianness.Big : Endianness.Little;
        return new DataType(kind, itemSize, endianness, units.Length > 0 ? units : null);
    }
}
