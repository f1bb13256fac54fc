using Tiled.Formats.Arrow;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>
/// Test data: one column of every supported type, with nulls and edge values, built through the
/// public factories. Shared with the interop tests, which check apache-arrow reads the same values.
/// </summary>
public static class ArrowSamples
{
    public static ArrowMetadata PandasMetadata { get; } = new([
        new("pandas", """{"index_columns": [{"kind": "range", "name": null, "start": 0, "stop": 4, "step": 1}], "columns": [], "pandas_version": "2.2.3"}"""),
        new("origin", "tiled.net é \"quoted\""),
        new("comment", "pairs keep their order"),
    ]);

    /// <summary>Builders of every column, by name; each takes a row count and yields that many values (rotated by the count).</summary>
    public static IReadOnlyList<(string Name, bool Nullable, Func<int, ArrowColumn> Build)> Columns { get; } =
    [
        ("bool", true, n => ArrowColumn.FromBooleans(Pick(n, new bool?[] { true, null, false, true }))),
        ("int8", true, n => ArrowColumn.FromInt8(Pick(n, new sbyte?[] { sbyte.MinValue, null, sbyte.MaxValue, 0 }))),
        ("int16", true, n => ArrowColumn.FromInt16(Pick(n, new short?[] { short.MinValue, 1, null, short.MaxValue }))),
        ("int32", false, n => ArrowColumn.FromInt32(Pick(n, new int?[] { int.MinValue, 7, int.MaxValue, 5 }))),
        ("int64", true, n => ArrowColumn.FromInt64(Pick(n, new long?[] { long.MinValue, long.MaxValue, null, 42 }))),
        ("uint8", true, n => ArrowColumn.FromUInt8(Pick(n, new byte?[] { byte.MaxValue, null, 0, 1 }))),
        ("uint16", true, n => ArrowColumn.FromUInt16(Pick(n, new ushort?[] { ushort.MaxValue, 0, null, 2 }))),
        ("uint32", true, n => ArrowColumn.FromUInt32(Pick(n, new uint?[] { uint.MaxValue, null, 0, 3 }))),
        ("uint64", true, n => ArrowColumn.FromUInt64(Pick(n, new ulong?[] { ulong.MaxValue, null, 0, 4 }))),
        ("float16", true, n => ArrowColumn.FromFloat16(Pick(n, new Half?[] { (Half)1, null, Half.NaN, (Half)(-2) }))),
        ("float32", true, n => ArrowColumn.FromFloat32(Pick(n, new float?[] { 0.1f, null, float.NaN, float.NegativeInfinity }))),
        ("float64", true, n => ArrowColumn.FromFloat64(Pick(n, new double?[] { 0.1, 1e300, null, double.PositiveInfinity }))),
        ("utf8", true, n => ArrowColumn.FromStrings(Pick(n, new[] { "héllo", null, string.Empty, "a,b\"c\nd" }))),
        ("large_utf8", true, n => ArrowColumn.FromStrings(Pick(n, new[] { "x", "日本", null, string.Empty }), large: true)),
        ("binary", true, n => ArrowColumn.FromBinary(Pick(n, new byte[]?[] { [0, 255], null, [], [7] }))),
        ("large_binary", true, n => ArrowColumn.FromBinary(Pick(n, new byte[]?[] { null, [1, 2, 3], [], [9] }), large: true)),
        ("date32", true, n => ArrowColumn.FromDate32(Pick(n, new int?[] { 0, 18262, null, -1 }))),
        ("date64", true, n => ArrowColumn.FromDate64(Pick(n, new long?[] { 0, null, 1_577_836_800_000, -86_400_000 }))),
        ("time32s", true, n => ArrowColumn.FromTime32(Pick(n, new int?[] { 0, 86_399, null, 3600 }), ArrowTimeUnit.Second)),
        ("time32ms", true, n => ArrowColumn.FromTime32(Pick(n, new int?[] { null, 1, 86_399_999, 500 }), ArrowTimeUnit.Millisecond)),
        ("time64us", true, n => ArrowColumn.FromTime64(Pick(n, new long?[] { 1, null, 86_399_999_999, 0 }), ArrowTimeUnit.Microsecond)),
        ("time64ns", true, n => ArrowColumn.FromTime64(Pick(n, new long?[] { 86_399_999_999_999, 1, null, 0 }), ArrowTimeUnit.Nanosecond)),
        ("ts_s", true, n => ArrowColumn.FromTimestamps(Pick(n, new long?[] { 0, null, 1_577_836_800, -1 }), ArrowTimeUnit.Second)),
        ("ts_ms_utc", true, n => ArrowColumn.FromTimestamps(Pick(n, new long?[] { 1_577_836_800_123, null, 0, -1 }), ArrowTimeUnit.Millisecond, "UTC")),
        ("ts_us_paris", true, n => ArrowColumn.FromTimestamps(Pick(n, new long?[] { null, 1_577_836_800_123_456, 0, 1 }), ArrowTimeUnit.Microsecond, "Europe/Paris")),
        ("ts_ns_offset", true, n => ArrowColumn.FromTimestamps(Pick(n, new long?[] { 1_577_836_800_123_456_789, null, -9_223_372_036_854_775_807, 0 }), ArrowTimeUnit.Nanosecond, "+07:30")),
        ("dur_s", true, n => ArrowColumn.FromDurations(Pick(n, new long?[] { 1, null, -1, 0 }), ArrowTimeUnit.Second)),
        ("dur_ms", true, n => ArrowColumn.FromDurations(Pick(n, new long?[] { null, 1000, 0, long.MaxValue }), ArrowTimeUnit.Millisecond)),
        ("dur_us", true, n => ArrowColumn.FromDurations(Pick(n, new long?[] { 5, 6, null, 7 }), ArrowTimeUnit.Microsecond)),
        ("dur_ns", false, n => ArrowColumn.FromDurations(Pick(n, new long?[] { -5, 3, 8, 9 }), ArrowTimeUnit.Nanosecond)),
    ];

    /// <summary>Every supported type, pandas-like schema metadata, and field metadata on every third field.</summary>
    public static ArrowSchema AllTypesSchema() => new(
        Columns.Select((c, i) => new ArrowField(
            c.Name,
            c.Build(0).Type,
            c.Nullable,
            i % 3 == 0 ? new ArrowMetadata([new("unit", $"u{i}"), new("note", "é,\"x\"")]) : null)),
        PandasMetadata);

    public static RecordBatch AllTypesBatch(int rows) => new(rows, Columns.Select(c => c.Build(rows)));

    /// <summary>Batches of 4, 0 and 3 rows.</summary>
    public static IReadOnlyList<RecordBatch> AllTypesBatches() => [AllTypesBatch(4), AllTypesBatch(0), AllTypesBatch(3)];

    private static T[] Pick<T>(int n, T[] values) => Enumerable.Range(0, n).Select(i => values[(i + n) % values.Length]).ToArray();
}
