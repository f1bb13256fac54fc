using System.Globalization;

namespace Tiled.Formats.Arrow;

/// <summary>
/// The UTC offset a timestamp column's time zone has at a given instant: fixed offsets
/// ("+07:30"), UTC spellings, and IANA names known to the machine. Unknown names fall back to UTC,
/// so text output never fails on a time zone.
/// </summary>
internal sealed class ArrowTimeZone
{
    private readonly TimeZoneInfo? _zone;
    private readonly TimeSpan _fixed;

    private ArrowTimeZone(TimeZoneInfo? zone, TimeSpan offset)
    {
        _zone = zone;
        _fixed = offset;
    }

    /// <summary>Null for naive timestamps (no time zone), which are printed without an offset.</summary>
    public static ArrowTimeZone? For(string? timeZone)
    {
        if (timeZone is null)
        {
            return null;
        }

        if (timeZone.Length == 6 && timeZone[0] is '+' or '-'
            && TimeSpan.TryParseExact(timeZone.AsSpan(1), @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
        {
            return new ArrowTimeZone(null, timeZone[0] == '-' ? -offset : offset);
        }

        if (timeZone is "UTC" or "utc" or "Z" or "Etc/UTC" or "GMT")
        {
            return new ArrowTimeZone(null, TimeSpan.Zero);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? new ArrowTimeZone(zone, TimeSpan.Zero)
            : new ArrowTimeZone(null, TimeSpan.Zero);
    }

    public TimeSpan OffsetAt(DateTime utc) => _zone?.GetUtcOffset(utc) ?? _fixed;
}
