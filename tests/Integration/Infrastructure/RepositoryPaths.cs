namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Where the repository and the tools the interop tests run are.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Tiled.sln.</summary>
    public static string Root() => Tiled.UnitTests.TestKit.SourcePaths.Root();

    /// <summary>The full path of <paramref name="executable"/> on PATH, or null.</summary>
    public static string? FindOnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
}
