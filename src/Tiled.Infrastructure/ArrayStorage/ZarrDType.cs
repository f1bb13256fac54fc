namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// A parsed numpy dtype string as Zarr v2 stores it (<c>&lt;i8</c>, <c>|b1</c>, <c>&lt;U3</c>,
/// <c>&lt;M8[ns]</c>): byte order character, kind and item size in bytes.
/// </summary>
internal sealed record ZarrDType(char Order, char Kind, int ItemSize)
{
    public bool IsBigEndian => Order == '>' && ItemSize > 1;

    /// <summary>Parses a simple (non-structured) dtype; throws <see cref="NotSupportedException"/> otherwise.</summary>
    public static ZarrDType Parse(string text)
    {
        var digits = 0;
        while (2 + digits < text.Length && char.IsAsciiDigit(text[2 + digits]))
        {
            digits++;
        }

        var rest = text.Length >= 2 ? text[(2 + digits)..] : "";
        if (text.Length < 3 || !"<>|=".Contains(text[0], StringComparison.Ordinal) || !char.IsAsciiLetter(text[1])
            || digits == 0 || (rest.Length > 0 && rest[0] != '[')
            || !int.TryParse(text.AsSpan(2, digits), out var size) || size <= 0)
        {
            throw new NotSupportedException($"Zarr dtype '{text}' is not a supported simple numpy dtype.");
        }

        // numpy counts unicode strings in characters of 4 bytes each.
        var itemSize = text[1] == 'U' ? checked(size * 4) : size;
        return new ZarrDType(text[0], text[1], itemSize);
    }
}
