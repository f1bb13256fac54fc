using System.Globalization;
using System.Text;
using Tiled.Formats.DataTypes;

namespace Tiled.Formats.ArrayText;

/// <summary>
/// numpy's <c>str()</c> of datetime64 and timedelta64 scalars. Units come from Tiled's
/// <c>dt_units</c> ("[ns]", "[10s]", "[generic]"); NaT (the int64 minimum) prints as "NaT".
/// </summary>
internal sealed class NumpyDateTimeFormat
{
    private static readonly string[] s_unitNames =
        ["years", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds", "microseconds", "nanoseconds", "picoseconds", "femtoseconds", "attoseconds"];

    private const int Day = 3;
    private const int Hour = 4;
    private const int Minute = 5;
    private const int Second = 6;

    // -1 for generic units; otherwise a unit index of DateTimeUnits (0 = years ... 12 = attoseconds).
    private readonly int _unit;
    private readonly long _multiplier;

    private NumpyDateTimeFormat(int unit, long multiplier)
    {
        _unit = unit;
        _multiplier = multiplier;
    }

    /// <summary>Parses <c>dt_units</c>; null, empty and "generic" mean generic units. Unknown units throw <see cref="NotSupportedException"/>.</summary>
    public static NumpyDateTimeFormat Parse(string? dtUnits)
    {
        var text = (dtUnits ?? string.Empty).Trim().TrimStart('[').TrimEnd(']');
        if (text.Length == 0)
        {
            return new NumpyDateTimeFormat(-1, 1);
        }

        return DateTimeUnits.TryParseInner(text, out var unit, out var count)
            ? new NumpyDateTimeFormat(unit, count)
            : throw new NotSupportedException($"Datetime unit '{dtUnits}' is not supported.");
    }

    /// <summary>A timedelta64: "5 seconds", "10 seconds" for 1 step of [10s], "5 generic time units".</summary>
    public void AppendTimeDelta(StringBuilder builder, long ticks)
    {
        if (ticks == long.MinValue)
        {
            builder.Append("NaT");
            return;
        }

        var count = (Int128)ticks * _multiplier;
        builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(_unit < 0 ? "generic time units" : s_unitNames[_unit]);
    }

    /// <summary>A datetime64 in ISO 8601 at the precision of its unit, e.g. "2020-01-01T00:00:00.000".</summary>
    public void AppendDateTime(StringBuilder builder, long ticks)
    {
        if (ticks == long.MinValue)
        {
            builder.Append("NaT");
            return;
        }

        var count = (Int128)ticks * _multiplier;
        switch (_unit)
        {
            case < 0:
                builder.Append(count.ToString(CultureInfo.InvariantCulture));
                return;
            case 0:
                AppendYear(builder, 1970 + count);
                return;
            case 1:
                var (yearsSince1970, month) = FloorDivRem(count, 12);
                AppendYear(builder, 1970 + yearsSince1970);
                builder.Append('-');
                AppendPadded(builder, month + 1, 2);
                return;
            case 2:
                AppendDate(builder, count * 7);
                return;
        }

        // Days and finer units: whole days, then the rest of the day at the unit's precision.
        var fractionDigits = _unit > Second ? 3 * (_unit - Second) : 0;
        var perDay = _unit switch
        {
            Day => 1,
            Hour => 24,
            Minute => 1440,
            _ => 86400 * Pow10(fractionDigits),
        };
        var (days, withinDay) = FloorDivRem(count, perDay);
        AppendDate(builder, days);
        if (_unit == Day)
        {
            return;
        }

        builder.Append('T');
        if (_unit == Hour)
        {
            AppendPadded(builder, (long)withinDay, 2);
            return;
        }

        if (_unit == Minute)
        {
            AppendPadded(builder, (long)(withinDay / 60), 2);
            builder.Append(':');
            AppendPadded(builder, (long)(withinDay % 60), 2);
            return;
        }

        var (seconds, fraction) = FloorDivRem(withinDay, Pow10(fractionDigits));
        var secondOfDay = (long)seconds;
        AppendPadded(builder, secondOfDay / 3600, 2);
        builder.Append(':');
        AppendPadded(builder, secondOfDay / 60 % 60, 2);
        builder.Append(':');
        AppendPadded(builder, secondOfDay % 60, 2);
        if (fractionDigits > 0)
        {
            builder.Append('.');
            AppendPadded(builder, fraction, fractionDigits);
        }
    }

    private static void AppendDate(StringBuilder builder, Int128 daysSince1970)
    {
        // Howard Hinnant's days-to-civil algorithm for the proleptic Gregorian calendar.
        var z = daysSince1970 + 719468;
        var (era, dayOfEra) = FloorDivRem(z, 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var shiftedMonth = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * shiftedMonth) + 2) / 5) + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        var year = yearOfEra + (era * 400) + (month <= 2 ? 1 : 0);
        AppendYear(builder, year);
        builder.Append('-');
        AppendPadded(builder, month, 2);
        builder.Append('-');
        AppendPadded(builder, day, 2);
    }

    /// <summary>C's <c>%04d</c>, as numpy prints years: "0999", "-030", "12345".</summary>
    private static void AppendYear(StringBuilder builder, Int128 year)
    {
        if (year < 0)
        {
            builder.Append('-');
            AppendPadded(builder, -year, 3);
        }
        else
        {
            AppendPadded(builder, year, 4);
        }
    }

    /// <summary>Appends a non-negative number with leading zeros up to <paramref name="width"/> digits.</summary>
    private static void AppendPadded(StringBuilder builder, Int128 value, int width)
    {
        Span<char> digits = stackalloc char[40];
        value.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
        builder.Append('0', Math.Max(0, width - length)).Append(digits[..length]);
    }

    private static Int128 Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static (Int128 Quotient, Int128 Remainder) FloorDivRem(Int128 value, Int128 divisor)
    {
        var quotient = value / divisor;
        var remainder = value - (quotient * divisor);
        if (remainder < 0)
        {
            quotient--;
            remainder += divisor;
        }

        return (quotient, remainder);
    }
}
