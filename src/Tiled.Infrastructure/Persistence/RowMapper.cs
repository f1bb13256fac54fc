using System.Text.Json.Nodes;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.Persistence.Rows;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Rows to domain objects and back. Ids in incoming domain objects are ignored: the database assigns them.</summary>
internal static class RowMapper
{
    public static NodeRow ToRow(NodePath path, StructureFamily family, JsonObject metadata,
        IReadOnlyList<Spec> specs, IReadOnlyList<DataSource> dataSources, DateTimeOffset now) => new()
    {
        Path = path.ToString(),
        ParentPath = path.Parent.ToString(),
        Key = path.Key,
        StructureFamily = WireNames.Of(family),
        Metadata = JsonColumns.Write(metadata),
        Specs = JsonColumns.WriteSpecs(specs),
        TimeCreated = now,
        TimeUpdated = now,
        DataSources = dataSources.Select(ToRow).ToList(),
    };

    public static Node ToNode(NodeRow row) => new(
        row.Id,
        NodePath.Parse(row.Path),
        WireNames.Family(row.StructureFamily),
        JsonColumns.Read(row.Metadata),
        JsonColumns.ReadSpecs(row.Specs),
        row.DataSources.Select(ToDataSource).ToList(),
        row.TimeCreated,
        row.TimeUpdated);

    /// <summary>As <see cref="ToNode"/>, the metadata left as stored until asked for (search pages write it as it is).</summary>
    public static Node ToNodeWithStoredMetadata(NodeRow row) => Node.WithStoredMetadata(
        row.Id,
        NodePath.Parse(row.Path),
        WireNames.Family(row.StructureFamily),
        row.Metadata,
        JsonColumns.ReadSpecs(row.Specs),
        row.DataSources.Select(ToDataSource).ToList(),
        row.TimeCreated,
        row.TimeUpdated);

    public static DataSource ToDataSource(DataSourceRow row) => new(
        row.Id,
        WireNames.Family(row.StructureFamily),
        JsonColumns.ReadOptional(row.Structure),
        row.Mimetype,
        JsonColumns.Read(row.Parameters),
        JsonColumns.Read(row.Properties),
        WireNames.Management(row.Management),
        row.Assets.Select(a => new Asset(a.Id, a.DataUri, a.IsDirectory, a.Parameter, a.Num, a.Size)).ToList());

    public static DataSourceRow ToRow(DataSource source) => new()
    {
        StructureFamily = WireNames.Of(source.StructureFamily),
        Structure = JsonColumns.WriteOptional(source.Structure),
        Mimetype = source.Mimetype,
        Parameters = JsonColumns.Write(source.Parameters),
        Properties = JsonColumns.Write(source.Properties),
        Management = WireNames.Of(source.Management),
        Assets = ToAssetRows(source),
    };

    public static List<AssetRow> ToAssetRows(DataSource source) => source.Assets.Select(a => new AssetRow
        {
            DataUri = a.DataUri,
            IsDirectory = a.IsDirectory,
            Parameter = a.Parameter,
            Num = a.Num,
            Size = a.Size,
        }).ToList();
}
