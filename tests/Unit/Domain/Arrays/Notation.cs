namespace Tiled.UnitTests.Domain.Arrays;

/// <summary>Compact text for test tables: "6,2" is a shape; "3,3|2" is a chunk grid (dims split by '|').</summary>
internal static class Notation
{
    public static long[] Longs(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(long.Parse).ToArray();

    public static long[][] Grid(string text) =>
        text.Length == 0 ? [] : text.Split('|').Select(Longs).ToArray();
}
