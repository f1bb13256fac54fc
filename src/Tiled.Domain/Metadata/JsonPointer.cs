namespace Tiled.Domain.Metadata;

/// <summary>RFC 6901 JSON Pointer parsing ("/a/b~1c" → ["a", "b/c"]).</summary>
public static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new InvalidPatchDocumentException($"The JSON pointer '{pointer}' must be empty or start with '/'.");
        }

        if (pointer.Split('~').Skip(1).Any(after => after is not ['0' or '1', ..]))
        {
            throw new InvalidPatchDocumentException($"The JSON pointer '{pointer}' has a '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/').");
        }

        return pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal)
            .Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }
}
