using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Local <c>file://</c> URIs of external assets: <c>file:///abs</c> or <c>file://localhost/abs</c>,
/// percent-decoded (Tiled itself writes them unencoded, so <c>#</c> and <c>?</c> are taken literally).
/// </summary>
internal static class FileUri
{
    private const string Scheme = "file://";

    /// <summary>The absolute path, not normalised; throws <c>invalid-external-data</c> for anything else.</summary>
    public static string ToPath(string dataUri)
    {
        if (!dataUri.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw ExternalDataException.Invalid(
                $"'{dataUri}' is not a file:// URI; external data must be given as file:///path or file://localhost/path.");
        }

        var rest = dataUri[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var host = slash < 0 ? rest : rest[..slash];
        if (host.Length > 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw ExternalDataException.Invalid($"'{dataUri}' names the host '{host}'; only local files (localhost) can be read.");
        }

        var path = slash < 0 ? "" : Uri.UnescapeDataString(rest[slash..]);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw ExternalDataException.Invalid($"'{dataUri}' holds a NUL character.");
        }

        // file:///C:/data names C:/data on Windows.
        if (path.Length > 2 && path[2] == ':' && char.IsAsciiLetter(path[1]))
        {
            path = path[1..];
        }

        return path.Length > 0 && Path.IsPathFullyQualified(path)
            ? path
            : throw ExternalDataException.Invalid($"'{dataUri}' does not name an absolute path.");
    }
}
