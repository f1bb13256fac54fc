using System.Globalization;

namespace Tiled.Formats.ArrayText;

/// <summary>
/// Formats floats as numpy's <c>str()</c> of a float16/32/64 scalar does (and, for float64, as
/// Python's <c>repr</c>): the shortest digits that round-trip at the value's own precision;
/// positional with at least one fractional digit when 1e-4 &lt;= |x| &lt; 1e16 or x is zero
/// ("1.0", "0.0001", "-0.0"), scientific with a signed exponent of at least two digits otherwise
/// ("1e-05", "1.5e+16"); "nan", "inf", "-inf".
/// </summary>
internal static class NumpyFloatFormat
{
    /// <summary>Longest output: sign, 17 digits, point, "e+308" and some slack.</summary>
    public const int MaxLength = 32;

    public static int Format(double value, Span<char> destination) => Format(value, value, destination);

    public static int Format(float value, Span<char> destination) => Format(value, value, destination);

    public static int Format(Half value, Span<char> destination) => Format(value, (double)value, destination);

    private static int Format<T>(T value, double wide, Span<char> destination)
        where T : ISpanFormattable
    {
        if (double.IsNaN(wide))
        {
            return Copy("nan", destination);
        }

        if (double.IsInfinity(wide))
        {
            return Copy(wide > 0 ? "inf" : "-inf", destination);
        }

        if (wide == 0)
        {
            return Copy(double.IsNegative(wide) ? "-0.0" : "0.0", destination);
        }

        // .NET's "R" gives the shortest round-trip digits at T's precision, in its own layout
        // ("1E-05", "123.45", "1E+16"); take the digits and the decimal exponent from it.
        Span<char> dotnet = stackalloc char[MaxLength];
        value.TryFormat(dotnet, out var length, "R", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[MaxLength];
        var digitCount = 0;
        var pointAt = -1;
        var exponent = 0;
        for (var i = dotnet[0] == '-' ? 1 : 0; i < length; i++)
        {
            var c = dotnet[i];
            if (c == '.')
            {
                pointAt = digitCount;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(dotnet[(i + 1)..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[digitCount++] = c;
            }
        }

        if (pointAt < 0)
        {
            pointAt = digitCount;
        }

        var leading = 0;
        while (digits[leading] == '0')
        {
            leading++;
        }

        var end = digitCount;
        while (digits[end - 1] == '0')
        {
            end--;
        }

        ReadOnlySpan<char> significant = digits[leading..end];
        // The value is 0.<significant> x 10^decimalPoint.
        var decimalPoint = pointAt - leading + exponent;
        var magnitude = Math.Abs(wide);
        var position = 0;
        if (wide < 0)
        {
            destination[position++] = '-';
        }

        return magnitude is >= 1e-4 and < 1e16
            ? position + Positional(significant, decimalPoint, destination[position..])
            : position + Scientific(significant, decimalPoint - 1, destination[position..]);
    }

    private static int Positional(ReadOnlySpan<char> significant, int decimalPoint, Span<char> destination)
    {
        var position = 0;
        if (decimalPoint <= 0)
        {
            destination[position++] = '0';
            destination[position++] = '.';
            destination.Slice(position, -decimalPoint).Fill('0');
            position += -decimalPoint;
            significant.CopyTo(destination[position..]);
            return position + significant.Length;
        }

        if (decimalPoint >= significant.Length)
        {
            significant.CopyTo(destination);
            position = significant.Length;
            destination.Slice(position, decimalPoint - significant.Length).Fill('0');
            position = decimalPoint;
            destination[position++] = '.';
            destination[position++] = '0';
            return position;
        }

        significant[..decimalPoint].CopyTo(destination);
        destination[decimalPoint] = '.';
        significant[decimalPoint..].CopyTo(destination[(decimalPoint + 1)..]);
        return significant.Length + 1;
    }

    private static int Scientific(ReadOnlySpan<char> significant, int exponent, Span<char> destination)
    {
        var position = 0;
        destination[position++] = significant[0];
        if (significant.Length > 1)
        {
            destination[position++] = '.';
            significant[1..].CopyTo(destination[position..]);
            position += significant.Length - 1;
        }

        destination[position++] = 'e';
        destination[position++] = exponent < 0 ? '-' : '+';
        var absolute = Math.Abs(exponent);
        if (absolute < 10)
        {
            destination[position++] = '0';
        }

        absolute.TryFormat(destination[position..], out var written, default, CultureInfo.InvariantCulture);
        return position + written;
    }

    private static int Copy(string text, Span<char> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
