namespace Tiled.Formats.Arrow;

/// <summary>Conversions of Arrow's integer temporal values to calendar values, exact to the nanosecond.</summary>
internal static class ArrowTemporal
{
    public const long SecondsPerDay = 86_400;

    // DateTime.MinValue and MaxValue (whole seconds) relative to the Unix epoch.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    public static long UnitsPerSecond(ArrowTimeUnit unit) => unit switch
    {
        ArrowTimeUnit.Second => 1,
        ArrowTimeUnit.Millisecond => 1_000,
        ArrowTimeUnit.Microsecond => 1_000_000,
        _ => 1_000_000_000,
    };

    /// <summary>Splits a count of <paramref name="unit"/> into whole seconds (rounded down) and nanoseconds 0–999,999,999.</summary>
    public static (long Seconds, int Nanoseconds) Split(long value, ArrowTimeUnit unit)
    {
        var perSecond = UnitsPerSecond(unit);
        var seconds = Math.DivRem(value, perSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += perSecond;
        }

        return (seconds, (int)(remainder * (1_000_000_000 / perSecond)));
    }

    /// <summary>The seconds and nanoseconds since the epoch that a timestamp or date value stands for.</summary>
    public static (long Seconds, int Nanoseconds) SinceEpoch(long value, ArrowType type) => type.Id switch
    {
        ArrowTypeId.Date32 => (value * SecondsPerDay, 0),
        ArrowTypeId.Date64 => Split(value, ArrowTimeUnit.Millisecond),
        _ => Split(value, type.Unit ?? ArrowTimeUnit.Nanosecond),
    };

    /// <summary>The UTC <see cref="DateTime"/> (truncated to 100 ns), or false when outside years 1–9999.</summary>
    public static bool TryToDateTime(long seconds, int nanoseconds, out DateTime value)
    {
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            value = default;
            return false;
        }

        value = DateTime.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100));
        return true;
    }
}
