using System.Globalization;
using System.Text.Json.Nodes;
using Tiled.Formats.Arrow;
using Xunit;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Our side of the canonical JSON that <c>arrow-interop.mjs</c> prints (see its header), and a
/// comparison that names the first difference. Metadata becomes an object, so a repeated key keeps
/// its last value, as in apache-arrow's Map.
/// </summary>
internal static class ArrowCanonicalJson
{
    public static JsonObject Of(ArrowSchema schema, IReadOnlyList<RecordBatch> batches) => new()
    {
        ["schema"] = new JsonObject
        {
            ["fields"] = new JsonArray(schema.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["type"] = f.Type.ToString(),
                ["nullable"] = f.Nullable,
                ["metadata"] = Metadata(f.Metadata),
            }).ToArray()),
            ["metadata"] = Metadata(schema.Metadata),
        },
        ["batches"] = new JsonArray(batches.Select(b => (JsonNode)new JsonObject
        {
            ["length"] = b.Length,
            ["columns"] = new JsonArray(b.Columns.Select(c => (JsonNode)new JsonArray(
                Enumerable.Range(0, c.Length).Select(i => Value(c, i)).ToArray())).ToArray()),
        }).ToArray()),
    };

    public static void ShouldEqual(JsonNode? actual, JsonNode? expected, string path = "$")
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, found {actual?.ToJsonString()}");
                break;
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                Assert.True(
                    expectedObject.Select(p => p.Key).Order().SequenceEqual(actualObject.Select(p => p.Key).Order()),
                    $"{path}: expected keys {string.Join(",", expectedObject.Select(p => p.Key))}, found {string.Join(",", actualObject.Select(p => p.Key))}");
                foreach (var (key, value) in expectedObject)
                {
                    ShouldEqual(actualObject[key], value, $"{path}.{key}");
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(expectedArray.Count == actualArray.Count, $"{path}: expected {expectedArray.Count} items, found {actualArray.Count}");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    ShouldEqual(actualArray[i], expectedArray[i], $"{path}[{i}]");
                }

                break;
            default:
                var same = expected.GetValueKind() == System.Text.Json.JsonValueKind.Number && actual?.GetValueKind() == System.Text.Json.JsonValueKind.Number
                    ? Number(expected) == Number(actual)
                    : expected.ToJsonString() == actual?.ToJsonString();
                Assert.True(same, $"{path}: expected {expected.ToJsonString()}, found {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static JsonObject Metadata(ArrowMetadata metadata)
    {
        var result = new JsonObject();
        foreach (var (key, value) in metadata)
        {
            result[key] = value;
        }

        return result;
    }

    private static JsonNode? Value(ArrowColumn column, int i)
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
            ArrowTypeId.UInt64 => column.GetUInt64(i).ToString(CultureInfo.InvariantCulture),
            ArrowTypeId.Float16 => Number((double)column.GetFloat16(i)),
            ArrowTypeId.Float32 => Number(column.GetFloat32(i)),
            ArrowTypeId.Float64 => Number(column.GetFloat64(i)),
            ArrowTypeId.Utf8 or ArrowTypeId.LargeUtf8 => column.GetString(i),
            ArrowTypeId.Binary or ArrowTypeId.LargeBinary => Convert.ToHexStringLower(column.GetBytes(i)),
            _ => column.GetInt64(i).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static JsonNode Number(double value) => double.IsFinite(value)
        ? value
        : double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
}
