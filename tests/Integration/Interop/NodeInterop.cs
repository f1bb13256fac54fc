using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>Finds Node.js and the npm packages installed in <c>tests/interop</c> for the interop tests.</summary>
internal static class NodeInterop
{
    /// <summary>
    /// Node and the interop folder, when node is on PATH and <paramref name="packageFile"/> (relative to
    /// node_modules) exists. Otherwise the test fails if the CI variable is set, or the output says
    /// why and this returns null.
    /// </summary>
    public static (string Node, string Directory)? Locate(ITestOutputHelper output, string packageFile, string package, string testName)
    {
        var directory = Path.Combine(RepositoryPaths.Root(), "tests", "interop");
        var node = RepositoryPaths.FindOnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");
        var problem = node is null
            ? "Node.js ('node') is not on PATH"
            : !File.Exists(Path.Combine(directory, "node_modules", packageFile))
                ? $"{package} is not installed in {directory}; run 'npm ci --prefix tests/interop'"
                : null;
        if (problem is null && node is not null)
        {
            return (node, directory);
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail($"The {testName} interop test must run in CI, but {problem}.");
        }

        output.WriteLine($"{testName} interop test not run: {problem}.");
        return null;
    }
}
