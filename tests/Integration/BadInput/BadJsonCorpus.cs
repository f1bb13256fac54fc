using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Tiled.IntegrationTests.BadInput;

/// <summary>
/// The fuzz corpus of malformed JSON (issue #19): each entry is one JSON object written as raw bytes,
/// which a test puts where a route takes an object (metadata, properties). Every route must answer
/// 422 with a detail and store nothing.
/// </summary>
public static class BadJsonCorpus
{
    /// <summary>The string value that <see cref="Embed"/> replaces with a corpus entry.</summary>
    public const string Placeholder = "__BAD__";

    private static readonly Dictionary<string, byte[]> Objects = new()
    {
        ["invalid UTF-8 in a value"] = [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8],
        ["invalid UTF-8 in a key"] = [.. "{\""u8, 0xC3, 0x28, .. "\":1}"u8],
        ["overlong UTF-8"] = [.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8],
        ["UTF-8 encoded surrogate"] = [.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8],
        ["truncated UTF-8 sequence"] = [.. "{\"a\":\""u8, 0xE2, 0x82, .. "\"}"u8],
        ["duplicate key"] = "{\"a\":1,\"a\":2}"u8.ToArray(),
        ["duplicate key, nested"] = "{\"x\":{\"b\":1,\"b\":true}}"u8.ToArray(),
        ["duplicate key, one spelled with an escape"] = "{\"a\":1,\"\\u0061\":2}"u8.ToArray(),
        ["lone high surrogate escape"] = "{\"a\":\"\\ud800\"}"u8.ToArray(),
        ["lone low surrogate escape in a key"] = "{\"\\udc00\":1}"u8.ToArray(),
        ["reversed surrogate pair"] = "{\"a\":\"\\udc00\\ud800\"}"u8.ToArray(),
        ["escaped NUL in a value"] = "{\"a\":\"x\\u0000y\"}"u8.ToArray(),
        ["escaped NUL in a key"] = "{\"\\u0000\":1}"u8.ToArray(),
        ["NaN"] = "{\"a\":NaN}"u8.ToArray(),
        ["-Infinity"] = "{\"a\":-Infinity}"u8.ToArray(),
        ["trailing comma"] = "{\"a\":1,}"u8.ToArray(),
        ["single quotes"] = "{'a':1}"u8.ToArray(),
        ["comment"] = "{\"a\":1 /* c */}"u8.ToArray(),
    };

    public static TheoryData<string> Names => new(Objects.Keys);

    /// <summary>
    /// <paramref name="body"/> as a JSON request whose <see cref="Placeholder"/> string is replaced by
    /// the corpus entry <paramref name="name"/>.
    /// </summary>
    public static ByteArrayContent Embed(JsonNode body, string name)
    {
        var text = body.ToJsonString();
        var at = text.IndexOf($"\"{Placeholder}\"", StringComparison.Ordinal);
        byte[] bytes = [.. Encoding.UTF8.GetBytes(text[..at]), .. Objects[name], .. Encoding.UTF8.GetBytes(text[(at + Placeholder.Length + 2)..])];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
