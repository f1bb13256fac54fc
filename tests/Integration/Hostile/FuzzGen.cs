using System.Text.Json.Nodes;
using CsCheck;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>Generators shared by the fuzz suites: JSON values that look like Tiled's bodies in part.</summary>
internal static class FuzzGen
{
    /// <summary>Any JSON value nested up to <paramref name="depth"/> levels, with keys and strings Tiled's bodies use.</summary>
    public static Gen<JsonNode?> Json(int depth)
    {
        var leaf = Gen.OneOf<JsonNode?>(
            Gen.Const((JsonNode?)JsonValue.Create(0)).Select(_ => (JsonNode?)null),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null),
            Gen.String[0, 20].Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.OneOf(Gen.Const("op"), Gen.Const("path"), Gen.Const("value"), Gen.Const("/a"), Gen.Const("add"), Gen.Const("structure"),
                Gen.Const("shape"), Gen.Const("chunks"), Gen.Const("data_type")).Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return leaf;
        }

        var inner = Json(depth - 1);
        var key = Gen.OneOf(Gen.String[0, 6], Gen.Const("op"), Gen.Const("path"), Gen.Const("value"), Gen.Const("shape"), Gen.Const("chunks"),
            Gen.Const("data_type"), Gen.Const("structure"), Gen.Const("mimetype"), Gen.Const("assets"), Gen.Const("management"));
        return Gen.Frequency(
            (3, leaf),
            (1, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray(items))),
            (2, Gen.Select(key, inner).Array[0, 4].Select(pairs =>
            {
                var obj = new JsonObject();
                foreach (var (name, value) in pairs)
                {
                    obj[name] = value;
                }

                return (JsonNode?)obj;
            })));
    }
}
