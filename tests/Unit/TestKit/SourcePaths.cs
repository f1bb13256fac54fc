namespace Tiled.UnitTests.TestKit;

/// <summary>Where the repository's sources are, for tests that read them.</summary>
public static class SourcePaths
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

    public static string Src => Path.Combine(Root(), "src");
}
