namespace Tiled.Application.Nodes;

/// <summary>Which node keys are safe to use as path segments and storage names.</summary>
public static class NodeKeys
{
    public const int MaxLength = 255;

    /// <summary>Null when <paramref name="key"/> is acceptable, otherwise the reason it is not.</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0)
        {
            return "A key must not be empty.";
        }

        if (key.Length > MaxLength)
        {
            return $"A key must be at most {MaxLength} characters long.";
        }

        if (key is "." or "..")
        {
            return $"The key '{key}' is not allowed.";
        }

        return key.Any(c => c is '/' or '\\' || char.IsControl(c))
            ? $"The key '{key}' contains a character that is not allowed (slash, backslash or control character)."
            : null;
    }
}
