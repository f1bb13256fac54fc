using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;
using Tiled.Formats.DataTypes;
using Tiled.Formats.Streaming;

namespace Tiled.Application.Streaming.Live;

/// <summary>
/// What a subscription needs from its node: the first message of every connection (protocol §9.5)
/// and, for arrays, the element type used to transcode payloads in the JSON envelope.
/// </summary>
public sealed record StreamSchema(JsonObject Message, DataType? DataType)
{
    public static StreamSchema From(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var structure = node.DataSources.Count > 0 ? node.DataSources[0].Structure : null;
        return node.StructureFamily switch
        {
            StructureFamily.Array => new StreamSchema(
                new JsonObject
                {
                    ["type"] = StreamMessageTypes.ArraySchema,
                    ["version"] = 1,
                    ["data_type"] = structure?["data_type"]?.DeepClone(),
                },
                TryParse(structure?["data_type"])),
            StructureFamily.Table => new StreamSchema(
                new JsonObject
                {
                    ["type"] = StreamMessageTypes.TableSchema,
                    ["version"] = 1,
                    ["arrow_schema"] = structure?["arrow_schema"]?.DeepClone(),
                },
                null),
            _ => new StreamSchema(new JsonObject { ["type"] = StreamMessageTypes.ContainerSchema, ["version"] = 1 }, null),
        };
    }

    private static DataType? TryParse(JsonNode? dataType)
    {
        try
        {
            return dataType is null ? null : DataType.FromJson(dataType);
        }
        catch (FormatException)
        {
            // Payloads then travel as base64 in the JSON envelope; msgpack never needs the type.
            return null;
        }
    }
}
