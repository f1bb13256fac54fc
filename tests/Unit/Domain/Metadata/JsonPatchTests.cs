using System.Text.Json.Nodes;
using FluentAssertions;
using Tiled.Domain.Metadata;
using Xunit;

namespace Tiled.UnitTests.Domain.Metadata;

public sealed class JsonPatchTests
{
    private static string Apply(string document, string patch) =>
        JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch))?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("{}", """[{"op":"add","path":"/a","value":1}]""", """{"a":1}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"add","path":"/a/c","value":[1]}]""", """{"a":{"b":1,"c":[1]}}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/1","value":9}]""", """{"a":[1,9,2]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/-","value":9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/a","value":"x"}]""", """{"a":"x"}""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/a","path":"/b"}]""", """{"b":1}""")]
    [InlineData("""{"a":{"x":1}}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":1},{"op":"add","path":"/t","value":true}]""", """{"a":1,"t":true}""")]
    [InlineData("""{"a/b":1,"c~d":2}""", """[{"op":"remove","path":"/a~1b"},{"op":"remove","path":"/c~0d"}]""", "{}")]
    public void Operations_follow_rfc_6902(string document, string patch, string expected) =>
        Apply(document, patch).Should().Be(expected);

    [Theory]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""")]
    [InlineData("""[{"op":"jump","path":"/a"}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/x/y","value":1}]""")]
    [InlineData("""{"op":"add"}""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/~2","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/b~","value":1}]""")]
    [InlineData("""[{"op":"copy","from":"/a~x","path":"/b"}]""")]
    public void Invalid_patches_are_refused_and_leave_the_input_untouched(string patch)
    {
        var document = JsonNode.Parse("""{"a":1}""");

        var apply = () => JsonPatch.Apply(document, JsonNode.Parse(patch));

        apply.Should().Throw<InvalidPatchDocumentException>();
        document!.ToJsonString().Should().Be("""{"a":1}""");
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2}}""", """{"a":null,"b":{"d":3}}""", """{"b":{"c":2,"d":3}}""")]
    [InlineData("""{"a":[1]}""", """{"a":[2]}""", """{"a":[2]}""")]
    [InlineData("""{"a":1}""", """{"b":{"c":null}}""", """{"a":1,"b":{}}""")]
    public void Merge_patch_follows_rfc_7386(string document, string patch, string expected) =>
        JsonMergePatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch))!.ToJsonString().Should().Be(expected);
}
