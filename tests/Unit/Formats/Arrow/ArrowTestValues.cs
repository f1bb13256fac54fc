using FluentAssertions;
using Tiled.Formats.Arrow;

namespace Tiled.UnitTests.Formats.Arrow;

/// <summary>Column values as plain objects (binary as hex) so tests can compare columns with one assertion.</summary>
public static class ArrowTestValues
{
    public static IReadOnlyList<object?> Of(ArrowColumn column) =>
        Enumerable.Range(0, column.Length).Select(i => Value(column, i)).ToList();

    public static object? Value(ArrowColumn column, int i)
    {
        if (column.IsNull(i))
        {
            return null;
        }

        return column.Type.Id switch
        {
            ArrowTypeId.Bool => column.GetBoolean(i),
            ArrowTypeId.Int8 => column.GetInt8(i),
            ArrowTypeId.Int16 => column.GetInt16(i),
            ArrowTypeId.Int32 or ArrowTypeId.Date32 or ArrowTypeId.Time32 => column.GetInt32(i),
            ArrowTypeId.UInt8 => column.GetUInt8(i),
            ArrowTypeId.UInt16 => column.GetUInt16(i),
            ArrowTypeId.UInt32 => column.GetUInt32(i),
            ArrowTypeId.UInt64 => column.GetUInt64(i),
            ArrowTypeId.Float16 => column.GetFloat16(i),
            ArrowTypeId.Float32 => column.GetFloat32(i),
            ArrowTypeId.Float64 => column.GetFloat64(i),
            ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 => column.GetString(i),
            ArrowTypeId.Binary or ArrowTypeId.LargeBinary => Convert.ToHexStringLower(column.GetBytes(i)),
            _ => column.GetInt64(i),
        };
    }

    public static void ShouldMatch(RecordBatch actual, RecordBatch expected)
    {
        actual.Length.Should().Be(expected.Length);
        actual.Columns.Should().HaveCount(expected.Columns.Count);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            actual.Columns[c].Type.Should().Be(expected.Columns[c].Type);
            actual.Columns[c].NullCount.Should().Be(expected.Columns[c].NullCount, $"column {c} ({expected.Columns[c].Type})");
            Of(actual.Columns[c]).Should().Equal(Of(expected.Columns[c]), $"column {c} ({expected.Columns[c].Type})");
        }
    }
}
