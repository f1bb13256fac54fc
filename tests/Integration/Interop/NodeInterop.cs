using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
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

    /// <summary>Runs <c>node SCRIPT COMMAND PATH</c> in <paramref name="directory"/> and parses the JSON object it prints.</summary>
    public static async Task<JsonObject> RunJsonAsync(string node, string directory, string script, string command, string path, TimeSpan limit)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, script));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} could not {command} {path} (exit {process.ExitCode}): {await stderr}");
            }

            return JsonNode.Parse(await stdout) as JsonObject
                ?? throw new InvalidOperationException($"node printed something other than a JSON object for {command} {path}.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
