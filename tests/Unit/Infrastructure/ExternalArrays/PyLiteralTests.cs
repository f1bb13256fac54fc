using System.Text.Encodings.Web;
using System.Text.Json;
using FluentAssertions;
using Tiled.Infrastructure.ExternalArrays;
using Xunit;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

public sealed class PyLiteralTests
{
    private static readonly JsonSerializerOptions Plain = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", """{"descr":"<f8","fortran_order":false,"shape":[3,4]}""")]
    [InlineData("{\"descr\": \"|u1\", \"fortran_order\": True, \"shape\": (5,)}", """{"descr":"|u1","fortran_order":true,"shape":[5]}""")]
    [InlineData("{'shape': ()}", """{"shape":[]}""")]
    [InlineData("{'shape': (2L, 3L)}", """{"shape":[2,3]}""")]
    [InlineData("{'descr': [('x', '<f8'), ('y', '<i4')], 'x': None}", """{"descr":[["x","<f8"],["y","<i4"]],"x":null}""")]
    [InlineData("  {'a': -1}  \n", """{"a":-1}""")]
    public void Header_dicts_parse_to_json(string literal, string json)
    {
        PyLiteral.Parse(literal)?.ToJsonString(Plain).Should().Be(json);
    }

    [Theory]
    [InlineData("{'a': 1")]
    [InlineData("{'a' 1}")]
    [InlineData("{1: 2}")]
    [InlineData("{'a': 1} x")]
    [InlineData("{'a': nan}")]
    [InlineData("{'a': 99999999999999999999}")]
    [InlineData("{'a': 1, 'a': 2}")]
    [InlineData("{'a': 'unterminated}")]
    public void Anything_else_is_a_format_error(string literal)
    {
        var act = () => PyLiteral.Parse(literal);

        act.Should().Throw<FormatException>();
    }
}
