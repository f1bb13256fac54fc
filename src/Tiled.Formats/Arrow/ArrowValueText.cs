using System.Globalization;

namespace Tiled.Formats.Arrow;

/// <summary>
/// ISO-8601 text of temporal values for the JSON and CSV writers: dates "2020-01-31"; timestamps
/// "2020-01-31T12:00:00" with the fraction only when non-zero and then with 3, 6 or 9 digits (the
/// fewest that are exact), plus "+01:00" for time zone aware columns (the wall-clock time in that
/// zone); times of day "12:00:00.5". Values outside years 1–9999 (or times outside a day) have no
/// text: the callers write the raw integer instead.
/// </summary>
internal static class ArrowValueText
{
    /// <summary>Enough for "-yyyy-MM-ddTHH:mm:ss.fffffffff+hh:mm".</summary>
    public const int MaxLength = 40;

    public static bool TryFormat(ArrowColumn column, int row, char separator, ArrowTimeZone? zone, Span<char> destination, out int written)
    {
        written = 0;
        var type = column.Type;
        switch (type.Id)
        {
            case ArrowTypeId.Date32 or ArrowTypeId.Date64:
            {
                var raw = type.Id == ArrowTypeId.Date32 ? column.GetInt32(row) : column.GetInt64(row);
                var (seconds, _) = ArrowTemporal.SinceEpoch(raw, type);
                return ArrowTemporal.TryToDateTime(seconds, 0, out var date)
                    && date.TryFormat(destination, out written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            case ArrowTypeId.Time32 or ArrowTypeId.Time64:
            {
                var raw = type.Id == ArrowTypeId.Time32 ? column.GetInt32(row) : column.GetInt64(row);
                var (seconds, nanoseconds) = ArrowTemporal.Split(raw, type.Unit ?? ArrowTimeUnit.Second);
                return seconds is >= 0 and < ArrowTemporal.SecondsPerDay
                    && DateTime.UnixEpoch.AddSeconds(seconds).TryFormat(destination, out written, "HH:mm:ss", CultureInfo.InvariantCulture)
                    && AppendFraction(nanoseconds, destination, ref written);
            }

            case ArrowTypeId.Timestamp:
            {
                var (seconds, nanoseconds) = ArrowTemporal.SinceEpoch(column.GetInt64(row), type);
                if (!ArrowTemporal.TryToDateTime(seconds, 0, out var utc))
                {
                    return false;
                }

                var offset = zone?.OffsetAt(utc) ?? TimeSpan.Zero;
                if (utc.Ticks + offset.Ticks < DateTime.MinValue.Ticks || utc.Ticks + offset.Ticks > DateTime.MaxValue.Ticks)
                {
                    return false;
                }

                var format = separator == 'T' ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss";
                return utc.Add(offset).TryFormat(destination, out written, format, CultureInfo.InvariantCulture)
                    && AppendFraction(nanoseconds, destination, ref written)
                    && (zone is null || AppendOffset(offset, destination, ref written));
            }

            default:
                throw new InvalidOperationException($"{type} is not a date, time or timestamp type.");
        }
    }

    private static bool AppendFraction(int nanoseconds, Span<char> destination, ref int written)
    {
        if (nanoseconds == 0)
        {
            return true;
        }

        var (value, format) = nanoseconds % 1_000_000 == 0 ? (nanoseconds / 1_000_000, "D3")
            : nanoseconds % 1_000 == 0 ? (nanoseconds / 1_000, "D6")
            : (nanoseconds, "D9");
        destination[written++] = '.';
        var ok = value.TryFormat(destination[written..], out var digits, format, CultureInfo.InvariantCulture);
        written += digits;
        return ok;
    }

    private static bool AppendOffset(TimeSpan offset, Span<char> destination, ref int written)
    {
        destination[written++] = offset < TimeSpan.Zero ? '-' : '+';
        var ok = offset.Duration().TryFormat(destination[written..], out var digits, @"hh\:mm", CultureInfo.InvariantCulture);
        written += digits;
        return ok;
    }
}
