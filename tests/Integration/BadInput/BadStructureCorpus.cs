using System.Text.Json.Nodes;
using Xunit;

namespace Tiled.IntegrationTests.BadInput;

/// <summary>
/// The fuzz corpus of array structures no server should store (issue #19): data types numpy lacks,
/// malformed datetime units, and shapes or chunks too large to address. Each entry is a structure
/// (Tiled's JSON, as in protocol §4.1) and a part of the detail that must explain the refusal.
/// </summary>
public static class BadStructureCorpus
{
    private const long TwoTo62 = 1L << 62;

    private static readonly Dictionary<string, (JsonObject Structure, string Detail)> Entries = new()
    {
        ["u16"] = (Structure(DataType("u", 16)), "kind 'u' with itemsize 16"),
        ["f12"] = (Structure(DataType("f", 12)), "kind 'f' with itemsize 12"),
        ["f16 (long double)"] = (Structure(DataType("f", 16)), "kind 'f' with itemsize 16"),
        ["c32"] = (Structure(DataType("c", 32)), "kind 'c' with itemsize 32"),
        ["i3"] = (Structure(DataType("i", 3)), "kind 'i' with itemsize 3"),
        ["b2"] = (Structure(DataType("b", 2)), "kind 'b' with itemsize 2"),
        ["M4"] = (Structure(DataType("M", 4, "[ns]")), "kind 'M' with itemsize 4"),
        ["U5, not whole characters"] = (Structure(DataType("U", 5)), "kind 'U' with itemsize 5"),
        ["S of 2 GiB"] = (Structure(DataType("S", int.MaxValue)), "a chunk may hold at most"),
        ["dt_units [xs]"] = (Structure(DataType("M", 8, "[xs]")), "dt_units '[xs]' is not a numpy datetime unit"),
        ["dt_units ["] = (Structure(DataType("M", 8, "[")), "dt_units '[' is not a numpy datetime unit"),
        ["dt_units without brackets"] = (Structure(DataType("M", 8, "ns")), "dt_units 'ns' is not a numpy datetime unit"),
        ["dt_units of zero"] = (Structure(DataType("m", 8, "[0s]")), "dt_units '[0s]' is not a numpy datetime unit"),
        ["dt_units a number"] = (Structure(DataType("M", 8, 5)), "dt_units must be null or a string"),
        ["dt_units on an integer"] = (Structure(DataType("i", 8, "[ns]")), "only allowed for datetime"),
        ["shape [2**62]"] = (Structure(DataType("i", 8), [TwoTo62], [[TwoTo62]]), "an array may hold at most"),
        ["shape [2**62] of bytes"] = (Structure(DataType("u", 1), [TwoTo62], [[TwoTo62]]), "a chunk may hold at most"),
        ["shape [2**63 - 1]"] = (Structure(DataType("i", 8), [long.MaxValue], [[long.MaxValue]]), "an array may hold at most"),
        ["shape [2**31, 2**31]"] = (Structure(DataType("i", 8), [1L << 31, 1L << 31], [[1L << 31], [1L << 31]]), "an array may hold at most"),
        ["shape whose product overflows beside a zero"] = (Structure(DataType("i", 8), [1L << 32, 1L << 32, 0], [[1L << 32], [1L << 32], [0]]), "a chunk may hold at most"),
        ["a 2 GiB chunk"] = (Structure(DataType("i", 8), [1L << 28], [[1L << 28]]), "a chunk may hold at most"),
        ["65 dimensions"] = (Structure(DataType("i", 8), [.. Enumerable.Repeat(1L, 65)], [.. Enumerable.Repeat(new[] { 1L }, 65)]), "at most 64"),
    };

    public static TheoryData<string> Names => new(Entries.Keys);

    public static JsonObject StructureOf(string name) => (JsonObject)Entries[name].Structure.DeepClone();

    public static string DetailOf(string name) => Entries[name].Detail;

    private static JsonObject DataType(string kind, int itemSize, JsonNode? dtUnits = null) => new()
    {
        ["endianness"] = itemSize == 1 ? "not_applicable" : "little", ["kind"] = kind, ["itemsize"] = itemSize, ["dt_units"] = dtUnits,
    };

    private static JsonObject Structure(JsonObject dataType, long[]? shape = null, long[][]? chunks = null) => new()
    {
        ["data_type"] = dataType,
        ["chunks"] = new JsonArray([.. (chunks ?? [[3]]).Select(c => (JsonNode)new JsonArray([.. c.Select(n => (JsonNode)n)]))]),
        ["shape"] = new JsonArray([.. (shape ?? [3]).Select(n => (JsonNode)n)]),
        ["dims"] = null,
        ["resizable"] = false,
    };
}
