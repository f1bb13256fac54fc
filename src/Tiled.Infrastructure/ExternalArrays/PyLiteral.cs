using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Parses the Python literals that .npy headers hold: dicts, tuples, lists, quoted strings, integers
/// (with Python 2's <c>L</c> suffix), <c>True</c>, <c>False</c> and <c>None</c>. Tuples and lists become
/// JSON arrays. Throws <see cref="FormatException"/> for anything else.
/// </summary>
internal ref struct PyLiteral
{
    private const int MaxDepth = 32;
    private readonly ReadOnlySpan<char> _text;
    private int _position;

    private PyLiteral(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    public static JsonNode? Parse(string text)
    {
        var parser = new PyLiteral(text);
        var value = parser.ParseValue(0);
        parser.SkipSpace();
        return parser._position == parser._text.Length
            ? value
            : throw new FormatException($"Unexpected text after the literal at position {parser._position}.");
    }

    private JsonNode? ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("The literal is nested too deeply.");
        }

        SkipSpace();
        var c = Peek();
        switch (c)
        {
            case '{':
                return ParseDict(depth);
            case '(':
                return ParseSequence(')', depth);
            case '[':
                return ParseSequence(']', depth);
            case '\'' or '"':
                return JsonValue.Create(ParseString());
            case '-' or '+':
            case >= '0' and <= '9':
                return JsonValue.Create(ParseInteger());
            default:
                var word = ParseWord();
                return word switch
                {
                    "True" => JsonValue.Create(true),
                    "False" => JsonValue.Create(false),
                    "None" => null,
                    _ => throw new FormatException($"Unexpected '{word}' at position {_position}."),
                };
        }
    }

    private JsonObject ParseDict(int depth)
    {
        _position++;
        var result = new JsonObject();
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            SkipSpace();
            var key = Peek() is '\'' or '"' ? ParseString() : throw new FormatException("Dict keys must be strings.");
            Expect(':');
            var value = ParseValue(depth + 1);
            if (!result.TryAdd(key, value))
            {
                throw new FormatException($"The key '{key}' appears twice.");
            }

            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != '}')
            {
                throw new FormatException($"Expected ',' or '}}' at position {_position}.");
            }
        }
    }

    private JsonArray ParseSequence(char close, int depth)
    {
        _position++;
        var result = new JsonArray();
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _position++;
                return result;
            }

            result.Add(ParseValue(depth + 1));
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != close)
            {
                throw new FormatException($"Expected ',' or '{close}' at position {_position}.");
            }
        }
    }

    private string ParseString()
    {
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (true)
        {
            var c = Next();
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\')
            {
                c = Next();
            }

            builder.Append(c);
        }
    }

    private long ParseInteger()
    {
        var begin = _position;
        if (Peek() is '-' or '+')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var digits = _text[begin.._position];
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }

        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{digits}' is not an integer that fits 64 bits.");
    }

    private string ParseWord()
    {
        var begin = _position;
        while (_position < _text.Length && char.IsAsciiLetter(_text[_position]))
        {
            _position++;
        }

        return _text[begin.._position].ToString();
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Next() != c)
        {
            throw new FormatException($"Expected '{c}' at position {_position - 1}.");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private readonly char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private char Next() => _position < _text.Length ? _text[_position++] : throw new FormatException("The literal ends too early.");
}
