using Tiled.Application.Abstractions;

namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// Confines externally managed data to <paramref name="allowedRoots"/>. <see cref="Resolve"/> accepts
/// only local <c>file://</c> URIs (<c>file:///abs</c> or <c>file://localhost/abs</c>, percent-decoded),
/// resolves them with realpath semantics (every symbolic link, in every directory, and <c>..</c>
/// applied after the links before it) and requires the real path to lie in one of the roots, which
/// are resolved the same way. With no roots, every path is refused. Callers open the returned real
/// path; a link swapped in between the check and the open is not detected.
/// </summary>
public sealed class ExternalPathPolicy(IReadOnlyList<string> allowedRoots)
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] _roots =
        [.. allowedRoots.Where(root => !string.IsNullOrWhiteSpace(root)).Select(root => RealPath.Resolve(Path.GetFullPath(root)))];

    /// <summary>The resolved allowed roots.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>
    /// The real path of the existing file or directory that <paramref name="dataUri"/> names. Throws
    /// <see cref="ExternalDataException"/>: <c>invalid-external-data</c> for a URI that is not an
    /// absolute local <c>file://</c> URI or a path that does not exist, <c>forbidden-path</c> for a
    /// path outside the allowed roots (checked before existence, so nothing leaks about the outside).
    /// </summary>
    public string Resolve(string dataUri)
    {
        ArgumentNullException.ThrowIfNull(dataUri);
        var path = FileUri.ToPath(dataUri);
        string real;
        try
        {
            real = RealPath.Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ExternalDataException.Invalid($"The path of '{dataUri}' cannot be resolved: {e.Message}");
        }

        RequireInside(real, dataUri);
        if (!File.Exists(real) && !Directory.Exists(real))
        {
            throw ExternalDataException.Invalid($"'{dataUri}' does not exist.");
        }

        return real;
    }

    /// <summary>
    /// The real path of <paramref name="path"/> (a file inside a resolved asset, such as a Zarr chunk),
    /// refused with <c>forbidden-path</c> when links lead it outside the roots. It need not exist.
    /// </summary>
    public string Confine(string path)
    {
        string real;
        try
        {
            real = RealPath.Resolve(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ExternalDataException.Invalid($"The path '{path}' cannot be resolved: {e.Message}");
        }

        RequireInside(real, path);
        return real;
    }

    private void RequireInside(string real, string shown)
    {
        if (!_roots.Any(root => IsInside(real, root)))
        {
            throw ExternalDataException.Forbidden($"'{shown}' is outside the directories this server may read.");
        }
    }

    private static bool IsInside(string path, string root)
    {
        if (string.Equals(path, root, PathComparison))
        {
            return true;
        }

        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }
}
