using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Tiled.Api.OpenApi;

// Shapes of JSON bodies and responses, for the OpenAPI document only: the endpoints read and write
// JSON nodes directly (so unknown fields and wrong types get Tiled's errors), and these records say
// what those nodes hold. Unknown fields are ignored, as in Tiled.

/// <summary>The body of every 4xx and 5xx answer.</summary>
internal sealed record ErrorBody([property: JsonPropertyName("detail")] string Detail);

/// <summary>A new container, array or table (protocol §5.1).</summary>
internal sealed record CreateNodeBody(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("ancestors")] IReadOnlyList<string>? Ancestors,
    [property: JsonPropertyName("access_blob")] JsonObject? AccessBlob,
    [property: JsonPropertyName("structure_family")] string StructureFamily,
    [property: JsonPropertyName("metadata")] JsonObject? Metadata,
    [property: JsonPropertyName("specs")] IReadOnlyList<SpecBody>? Specs,
    [property: JsonPropertyName("data_sources")] IReadOnlyList<DataSourceBody>? DataSources);

internal sealed record SpecBody(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string? Version);

/// <summary>A data source: its structure, and for registered files their assets.</summary>
internal sealed record DataSourceBody(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("structure_family")] string StructureFamily,
    [property: JsonPropertyName("structure")] JsonObject? Structure,
    [property: JsonPropertyName("mimetype")] string? Mimetype,
    [property: JsonPropertyName("parameters")] JsonObject? Parameters,
    [property: JsonPropertyName("properties")] JsonObject? Properties,
    [property: JsonPropertyName("assets")] IReadOnlyList<AssetBody>? Assets,
    [property: JsonPropertyName("management")] string? Management);

internal sealed record AssetBody(
    [property: JsonPropertyName("data_uri")] string DataUri,
    [property: JsonPropertyName("is_directory")] bool IsDirectory,
    [property: JsonPropertyName("parameter")] string? Parameter,
    [property: JsonPropertyName("num")] int? Num);

internal sealed record ReplaceDataSourceBody([property: JsonPropertyName("data_source")] DataSourceBody DataSource);

/// <summary>A JSON Patch (RFC 6902, the default) or a merge patch (RFC 7386) of metadata and specs.</summary>
internal sealed record PatchMetadataBody(
    [property: JsonPropertyName("content-type")] string? ContentType,
    [property: JsonPropertyName("metadata")] JsonNode? Metadata,
    [property: JsonPropertyName("specs")] JsonNode? Specs);

internal sealed record ReplaceMetadataBody(
    [property: JsonPropertyName("metadata")] JsonObject? Metadata,
    [property: JsonPropertyName("specs")] IReadOnlyList<SpecBody>? Specs);

/// <summary>A new API key: <c>scopes</c> and <c>expires_in</c> are required and may be null.</summary>
internal sealed record CreateApiKeyBody(
    [property: JsonPropertyName("scopes")] IReadOnlyList<string>? Scopes,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("note")] string? Note);

/// <summary>A node document: <c>{"data": {...}, "meta": {...}}</c>.</summary>
internal sealed record NodeDocumentBody(
    [property: JsonPropertyName("data")] NodeResourceBody Data,
    [property: JsonPropertyName("meta")] JsonObject? Meta);

internal sealed record NodeResourceBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("attributes")] JsonObject Attributes,
    [property: JsonPropertyName("links")] JsonObject? Links,
    [property: JsonPropertyName("meta")] JsonObject? Meta);

/// <summary>A page of a container's children.</summary>
internal sealed record SearchPageBody(
    [property: JsonPropertyName("data")] IReadOnlyList<NodeResourceBody> Data,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("links")] JsonObject Links,
    [property: JsonPropertyName("meta")] JsonObject Meta);

internal sealed record CreatedNodeBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("links")] JsonObject Links,
    [property: JsonPropertyName("data_sources")] IReadOnlyList<DataSourceBody> DataSources);

internal sealed record MetadataResultBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("metadata")] JsonObject Metadata);
