using System.Text.Json.Nodes;
using Tiled.Formats.DataTypes;

namespace Tiled.Domain.Arrays;

/// <summary>Maps <see cref="ArrayStructure"/> to and from Tiled's structure JSON (protocol §4.1).</summary>
internal static class ArrayStructureJson
{
    public static JsonObject ToJson(ArrayStructure structure) => new()
    {
        ["data_type"] = structure.DataType.ToJson(),
        ["chunks"] = new JsonArray([.. structure.Chunks.Select(dim => (JsonNode)Numbers(dim))]),
        ["shape"] = Numbers(structure.Shape),
        // The key must be present: the Python client indexes it directly.
        ["dims"] = structure.Dims is null ? null : new JsonArray([.. structure.Dims.Select(name => (JsonNode?)name)]),
        ["resizable"] = structure.Resizable,
    };

    public static ArrayStructure FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            throw new InvalidStructureException("An array structure must be a JSON object.");
        }

        DataType dataType;
        try
        {
            dataType = DataType.FromJson(obj["data_type"]);
        }
        catch (FormatException e)
        {
            throw new InvalidStructureException(e.Message);
        }

        var shape = ReadLongs(obj["shape"], "shape");
        var chunks = obj["chunks"] is JsonArray dims
            ? dims.Select((dim, d) => ReadLongs(dim, $"chunks[{d}]")).ToArray()
            : throw new InvalidStructureException("chunks must be a list of lists of integers.");
        var structure = ArrayStructure.Create(dataType, shape, chunks, ReadDims(obj["dims"]));
        return structure with { Resizable = ReadResizable(obj["resizable"]) };
    }

    private static JsonArray Numbers(long[] values) => new([.. values.Select(value => (JsonNode)value)]);

    private static long[] ReadLongs(JsonNode? node, string name) => node is JsonArray array
        ? array.Select(item => item is JsonValue value && value.TryGetValue<long>(out var number)
            ? number
            : throw new InvalidStructureException($"{name} must be a list of integers.")).ToArray()
        : throw new InvalidStructureException($"{name} must be a list of integers.");

    private static string[]? ReadDims(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(item => item is JsonValue value && value.TryGetValue<string>(out var name)
            ? name
            : throw new InvalidStructureException("dims must be null or a list of strings.")).ToArray(),
        _ => throw new InvalidStructureException("dims must be null or a list of strings."),
    };

    // Tiled allows a boolean or one boolean per dimension; true anywhere means resizable.
    private static bool ReadResizable(JsonNode? node) => node switch
    {
        null => false,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonArray array => array.Select(item => ReadResizable(item)).Any(flag => flag),
        _ => throw new InvalidStructureException("resizable must be a boolean or a list of booleans."),
    };
}
