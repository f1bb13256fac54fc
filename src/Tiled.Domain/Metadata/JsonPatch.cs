using System.Text.Json.Nodes;

namespace Tiled.Domain.Metadata;

/// <summary>
/// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) applied to a copy of a document.
/// Every failure is an <see cref="InvalidPatchDocumentException"/> and leaves the input untouched.
/// </summary>
public static class JsonPatch
{
    public static JsonNode? Apply(JsonNode? document, JsonNode? operations)
    {
        if (operations is not JsonArray ops)
        {
            throw new InvalidPatchDocumentException("A JSON Patch must be a list of operations.");
        }

        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        foreach (var op in ops)
        {
            ApplyOne(root, op as JsonObject ?? throw new InvalidPatchDocumentException("Each JSON Patch operation must be an object."));
        }

        return root["doc"]?.DeepClone();
    }

    private static void ApplyOne(JsonObject root, JsonObject op)
    {
        var name = Text(op, "op");
        var path = Text(op, "path");
        switch (name)
        {
            case "add":
                Add(root, path, Value(op));
                break;
            case "remove":
                Remove(root, path);
                break;
            case "replace":
                Remove(root, path);
                Add(root, path, Value(op));
                break;
            case "move":
                var moved = Get(root, Text(op, "from"));
                Remove(root, Text(op, "from"));
                Add(root, path, moved);
                break;
            case "copy":
                Add(root, path, Get(root, Text(op, "from"))?.DeepClone());
                break;
            case "test":
                if (!JsonNode.DeepEquals(Get(root, path), Value(op)))
                {
                    throw new InvalidPatchDocumentException($"JSON Patch test failed at '{path}'.");
                }

                break;
            default:
                throw new InvalidPatchDocumentException($"Unknown JSON Patch operation '{name}'.");
        }
    }

    private static string Text(JsonObject op, string key) =>
        op[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new InvalidPatchDocumentException($"JSON Patch operation needs a string '{key}'.");

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone()
            : throw new InvalidPatchDocumentException("JSON Patch operation needs a 'value'.");

    private static (JsonNode? Parent, string Token) Locate(JsonObject root, string path)
    {
        var tokens = JsonPointer.Parse(path);
        JsonNode? node = root;
        var last = "doc";
        foreach (var token in tokens)
        {
            node = Child(node, last) ?? throw new InvalidPatchDocumentException($"The path '{path}' does not exist.");
            last = token;
        }

        return (node, last);
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        return parent switch
        {
            JsonObject o when o.ContainsKey(token) => o[token],
            JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
            _ => throw new InvalidPatchDocumentException($"The path '{path}' does not exist."),
        };
    }

    private static void Add(JsonObject root, string path, JsonNode? value)
    {
        var (parent, token) = Locate(root, path);
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new InvalidPatchDocumentException($"Cannot add at '{path}'.");
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, token) = Locate(root, path);
        var removed = parent switch
        {
            JsonObject o => o.Remove(token),
            JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => RemoveAt(a, i),
            _ => false,
        };
        if (!removed)
        {
            throw new InvalidPatchDocumentException($"The path '{path}' does not exist.");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }
}
