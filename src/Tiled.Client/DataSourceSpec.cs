using System.Text.Json.Nodes;

namespace Tiled.Client;

/// <summary>
/// A data source as the client sends it (Tiled's <c>DataSource</c>): a structure family, an optional
/// structure (Tiled structure JSON), a mimetype (null = the server's default storage), parameters,
/// assets (files) and management (<c>writable</c> or <c>external</c>). <see cref="Id"/> selects the
/// data source to replace in <see cref="ArrayClient.PutDataSourceAsync"/>.
/// </summary>
public sealed record DataSourceSpec(
    string StructureFamily,
    JsonObject? Structure,
    string? Mimetype = null,
    JsonObject? Parameters = null,
    IReadOnlyList<AssetSpec>? Assets = null,
    string Management = "writable",
    long? Id = null)
{
    /// <summary>An empty writable array of the given dtype and shape (one chunk), as in the seed's "x == [?, ?, ?]".</summary>
    public static DataSourceSpec WritableArray(Formats.DataTypes.DataType dataType, params long[] shape) =>
        new("array", ArrayStructureJson.For(dataType, shape, shape.Select(n => new[] { n }).ToArray()));

    internal JsonObject ToJson() => new()
    {
        ["structure_family"] = StructureFamily,
        ["structure"] = Structure?.DeepClone(),
        ["id"] = Id,
        ["mimetype"] = Mimetype,
        ["parameters"] = Parameters?.DeepClone() ?? new JsonObject(),
        ["properties"] = new JsonObject(),
        ["assets"] = new JsonArray((Assets ?? []).Select(a => (JsonNode?)a.ToJson()).ToArray()),
        ["management"] = Management,
    };
}
