using System.Globalization;

namespace Tiled.Formats.DataTypes;

/// <summary>
/// The units of numpy datetime64 and timedelta64 types as Tiled's <c>dt_units</c> writes them after
/// the type string: <c>[ns]</c>, <c>[10s]</c> (a count of 1 to 2^31 - 1 units, as numpy allows) or
/// <c>[generic]</c>.
/// </summary>
public static class DateTimeUnits
{
    // The unit codes, coarsest first: a unit is its index in this list.
    private static readonly string[] Codes = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    /// <summary>True when <paramref name="dtUnits"/> is a bracketed unit such as <c>[ns]</c>, <c>[10s]</c> or <c>[generic]</c>.</summary>
    public static bool IsValid(string dtUnits) =>
        dtUnits is ['[', .., ']'] && TryParseInner(dtUnits[1..^1], out _, out _);

    /// <summary>
    /// Reads what stands inside the brackets: <c>generic</c> (unit -1, count 1) or an optional count
    /// followed by a unit code (Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as), returned as its index in
    /// that list. False when it is anything else.
    /// </summary>
    public static bool TryParseInner(string text, out int unit, out int count)
    {
        (unit, count) = (-1, 1);
        if (text == "generic")
        {
            return true;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var validCount = digits == 0
            || (int.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0);
        unit = validCount ? Array.IndexOf(Codes, text[digits..]) : -1;
        return unit >= 0;
    }
}
