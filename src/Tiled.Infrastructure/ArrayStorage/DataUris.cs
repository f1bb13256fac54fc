namespace Tiled.Infrastructure.ArrayStorage;

/// <summary>
/// Tiled's local data URIs: <c>file://localhost</c> followed by the absolute path, not
/// percent-encoded (as Tiled's <c>ensure_uri</c> writes them). <c>file:///path</c> is accepted too.
/// </summary>
internal static class DataUris
{
    private const string Scheme = "file://";
    private const string Localhost = "file://localhost/";

    public static string FromPath(string path)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        return "file://localhost" + (full.StartsWith('/') ? full : "/" + full);
    }

    /// <summary>The absolute local path of <paramref name="dataUri"/>; throws <see cref="ArgumentException"/> for anything else.</summary>
    public static string ToPath(string dataUri)
    {
        string rest;
        if (dataUri.StartsWith(Localhost, StringComparison.OrdinalIgnoreCase))
        {
            rest = dataUri[(Localhost.Length - 1)..];
        }
        else if (dataUri.StartsWith(Scheme + "/", StringComparison.OrdinalIgnoreCase))
        {
            rest = dataUri[Scheme.Length..];
        }
        else
        {
            throw new ArgumentException($"'{dataUri}' is not a local file:// data URI.", nameof(dataUri));
        }

        // file://localhost/C:/data on Windows names C:/data.
        if (rest.Length > 2 && rest[2] == ':' && char.IsAsciiLetter(rest[1]))
        {
            rest = rest[1..];
        }

        return Path.GetFullPath(rest);
    }
}
