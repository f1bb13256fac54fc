using System.Text.Json.Nodes;
using Tiled.Domain.Nodes;

namespace Tiled.Domain.DataSources;

/// <summary>Tiled's JSON form of data sources and assets (protocol §2, §4.4).</summary>
public static class DataSourceJson
{
    public static JsonObject ToJson(DataSource source, bool includeAssets = true) => new()
    {
        ["id"] = source.Id,
        ["structure_family"] = source.StructureFamily.ToWire(),
        ["structure"] = source.Structure?.DeepClone(),
        ["mimetype"] = source.Mimetype,
        ["parameters"] = source.Parameters.DeepClone(),
        ["properties"] = source.Properties.DeepClone(),
        ["assets"] = new JsonArray(includeAssets ? source.Assets.Select(ToJson).ToArray<JsonNode?>() : []),
        ["management"] = source.Management.ToString().ToLowerInvariant(),
    };

    public static JsonObject ToJson(Asset asset) => new()
    {
        ["data_uri"] = asset.DataUri,
        ["is_directory"] = asset.IsDirectory,
        ["parameter"] = asset.Parameter,
        ["num"] = asset.Num,
        ["id"] = asset.Id,
        ["size"] = asset.Size,
    };

    public static JsonArray ToJson(IEnumerable<DataSource> sources, bool includeAssets = true) =>
        new(sources.Select(s => (JsonNode?)ToJson(s, includeAssets)).ToArray());
}
