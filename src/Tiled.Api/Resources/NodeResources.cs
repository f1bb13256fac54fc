using System.Text.Json;
using System.Text.Json.Nodes;
using Tiled.Application.Nodes;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;

namespace Tiled.Api.Resources;

/// <summary>Tiled's JSON:API-style node documents (protocol §2, §3, §5.1).</summary>
internal static class NodeResources
{
    public static JsonObject Links(string apiBase, NodePath path, StructureFamily family)
    {
        var p = path.ToString();
        var links = new JsonObject { ["self"] = $"{apiBase}/metadata/{p}" };
        switch (family)
        {
            case StructureFamily.Container:
                // No "full": Tiled's container export (HDF5, or a metadata tree as JSON) is not served here (ADR 0012).
                links["search"] = $"{apiBase}/search/{p}";
                break;
            case StructureFamily.Array:
                links["full"] = $"{apiBase}/array/full/{p}";
                links["block"] = $"{apiBase}/array/block/{p}?block=";
                break;
            case StructureFamily.Table:
                links["full"] = $"{apiBase}/table/full/{p}";
                links["partition"] = $"{apiBase}/table/partition/{p}?partition={{index}}";
                break;
        }

        return links;
    }

    /// <summary>One node as a resource, with the attributes <paramref name="options"/> selects.</summary>
    public static JsonObject Resource(string apiBase, NodeView view, ResourceOptions options) =>
        Build(apiBase, view, options, storedMetadata: null);

    /// <summary>
    /// Writes what <see cref="Resource"/> builds; metadata still as the catalog stored it is copied to
    /// <paramref name="json"/> as it is written, never parsed into a tree (ADR 0027).
    /// </summary>
    public static void Write(Utf8JsonWriter json, string apiBase, NodeView view, ResourceOptions options)
    {
        var stored = options.Includes("metadata") && options.SelectMetadata is null ? view.Node.StoredMetadata : null;
        var resource = Build(apiBase, view, options, stored);
        if (stored is null)
        {
            resource.WriteTo(json);
            return;
        }

        json.WriteStartObject();
        foreach (var (name, value) in resource)
        {
            json.WritePropertyName(name);
            if (name == "attributes")
            {
                WriteAttributes(json, (JsonObject)value!, stored);
            }
            else
            {
                WriteValue(json, value);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter json, JsonObject attributes, string storedMetadata)
    {
        json.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            json.WritePropertyName(name);
            if (name == "metadata")
            {
                StoredJson.WriteTo(json, storedMetadata);
            }
            else
            {
                WriteValue(json, value);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, JsonNode? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            value.WriteTo(json);
        }
    }

    /// <summary>With <paramref name="storedMetadata"/>, the metadata attribute is left null for <see cref="Write"/> to fill in.</summary>
    private static JsonObject Build(string apiBase, NodeView view, ResourceOptions options, string? storedMetadata)
    {
        var node = view.Node;
        var attributes = new JsonObject { ["ancestors"] = new JsonArray(node.Path.Ancestors.Select(a => (JsonNode?)a).ToArray()) };
        if (options.Includes("structure_family") || node.StructureFamily == StructureFamily.Container)
        {
            attributes["structure_family"] = node.StructureFamily.ToWire();
        }

        if (options.Includes("specs"))
        {
            attributes["specs"] = SpecJson.ToJson(node.Specs);
        }

        if (options.Includes("metadata"))
        {
            attributes["metadata"] = storedMetadata is not null ? null : options.SelectMetadata?.Select(node.Metadata) ?? node.Metadata.DeepClone();
        }

        if (options.Includes("structure"))
        {
            attributes["structure"] = Structure(view);
        }

        if (options.Includes("access_blob"))
        {
            attributes["access_blob"] = new JsonObject();
        }

        if (options.Includes("sorting"))
        {
            attributes["sorting"] = node.StructureFamily == StructureFamily.Container
                ? new JsonArray(new JsonObject { ["key"] = "", ["direction"] = 1 })
                : null;
        }

        if (options.Includes("data_sources"))
        {
            attributes["data_sources"] = options.IncludeDataSources ? DataSourceJson.ToJson(node.DataSources) : null;
        }

        var links = Links(apiBase, node.Path, node.StructureFamily);
        if (node.StructureFamily == StructureFamily.Array && node.DataSources.Count > 0)
        {
            var rank = node.DataSources[0].Structure?["shape"] is JsonArray shape ? shape.Count : 0;
            links["block"] = $"{apiBase}/array/block/{node.Path}?block=" + string.Join(',', Enumerable.Range(0, rank).Select(i => $"{{{i}}}"));
        }

        return new JsonObject
        {
            ["id"] = node.Path.Key,
            ["attributes"] = attributes,
            ["links"] = options.OmitLinks ? null : options.KeysOnly ? new JsonObject { ["self"] = links["self"]?.DeepClone() } : links,
            ["meta"] = null,
        };
    }

    public static JsonObject Document(string apiBase, NodeView view, ResourceOptions options) => new()
    {
        ["data"] = Resource(apiBase, view, options),
        ["error"] = null,
        ["links"] = null,
        ["meta"] = new JsonObject(),
    };

    private static JsonNode? Structure(NodeView view) => view.Node.StructureFamily switch
    {
        StructureFamily.Container => new JsonObject { ["contents"] = null, ["count"] = view.ChildCount },
        _ => view.Node.DataSources.Count > 0 ? view.Node.DataSources[0].Structure?.DeepClone() : null,
    };
}
