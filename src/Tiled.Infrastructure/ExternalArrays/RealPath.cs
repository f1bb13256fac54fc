namespace Tiled.Infrastructure.ExternalArrays;

/// <summary>
/// realpath(3) without requiring existence: walks an absolute path one component at a time,
/// replacing each symbolic link by its target (relative targets against the link's directory) and
/// applying <c>..</c> to the path resolved so far. Components that do not exist are kept as written.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The resolved form of the absolute <paramref name="path"/>; throws <see cref="IOException"/> on a link loop.</summary>
    public static string Resolve(string path)
    {
        var root = Path.GetPathRoot(path);
        if (string.IsNullOrEmpty(root))
        {
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        }

        var pending = new Stack<string>();
        Push(pending, path[root.Length..]);
        var current = root;
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var candidate = Path.Join(current, part);
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many levels of symbolic links at '{candidate}'.");
            }

            if (Path.GetPathRoot(target) is { Length: > 0 } targetRoot)
            {
                current = targetRoot;
                target = target[targetRoot.Length..];
            }

            Push(pending, target);
        }

        return current;
    }

    private static void Push(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
