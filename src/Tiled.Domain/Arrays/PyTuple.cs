namespace Tiled.Domain.Arrays;

/// <summary>Formats shapes and offsets the way Python prints tuples, as Tiled's messages do.</summary>
internal static class PyTuple
{
    public static string Format(IReadOnlyCollection<long> values) => values.Count == 1
        ? $"({values.First()},)"
        : $"({string.Join(", ", values)})";
}
