using System.Text;

namespace Tiled.Infrastructure;

/// <summary>The readable, file-system-safe start of an array's or table's storage directory name.</summary>
internal static class StorageDirectoryStem
{
    public const int MaxLength = 64;

    /// <summary>The node's path segments joined by '-', unsafe characters as '_'; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Of(IReadOnlyList<string> nodePath, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var segment in nodePath)
        {
            if (builder.Length > 0)
            {
                builder.Append('-');
            }

            foreach (var c in segment)
            {
                builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
            }
        }

        var stem = builder.ToString().TrimStart('.');
        stem = stem.Length > MaxLength ? stem[..MaxLength] : stem;
        return stem.Length == 0 ? fallback : stem;
    }
}
