namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Where the repository and the tools the interop tests run are.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Tiled.sln, found by walking up from the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tiled.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tiled.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The full path of <paramref name="executable"/> on PATH, or null.</summary>
    public static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
}
