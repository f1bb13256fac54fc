namespace Tiled.Formats.Arrow;

/// <summary>
/// The unit of a timestamp, time or duration value. The numeric values are Arrow's own
/// (<c>TimeUnit</c> in Schema.fbs), so they can be cast to and from the wire value.
/// </summary>
public enum ArrowTimeUnit
{
    Second = 0,
    Millisecond = 1,
    Microsecond = 2,
    Nanosecond = 3,
}
