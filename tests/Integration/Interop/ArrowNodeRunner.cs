using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Runs <c>tests/interop/arrow-interop.mjs</c> under Node.js with the independent apache-arrow
/// implementation: <c>read PATH</c> prints the canonical JSON of an Arrow file, stream or schema
/// message; <c>write DIRECTORY</c> writes reference files and prints their canonical JSON.
/// </summary>
internal sealed class ArrowNodeRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private readonly string _node;
    private readonly string _directory;

    private ArrowNodeRunner(string node, string directory)
    {
        _node = node;
        _directory = directory;
    }

    /// <summary>
    /// Finds node and the installed apache-arrow package. When either is missing the test fails if
    /// the CI variable is set; otherwise this says why in the test output and returns null.
    /// </summary>
    public static ArrowNodeRunner? Find(ITestOutputHelper output) =>
        NodeInterop.Locate(output, "apache-arrow/package.json", "apache-arrow", "Arrow") is { } found ? new ArrowNodeRunner(found.Node, found.Directory) : null;

    /// <summary>apache-arrow's canonical JSON of the Arrow file, stream or schema message at <paramref name="path"/>.</summary>
    public Task<JsonObject> ReadAsync(string path) => RunAsync("read", path);

    /// <summary>Has apache-arrow write reference.arrow and reference.arrows into <paramref name="directory"/>; returns their canonical JSON.</summary>
    public Task<JsonObject> WriteAsync(string directory) => RunAsync("write", directory);

    /// <summary>Has apache-arrow write extended.arrow (dictionary, decimal, list and struct columns) into <paramref name="directory"/>; returns its rows JSON.</summary>
    public Task<JsonObject> WriteExtendedAsync(string directory) => RunAsync("write", directory, "arrow-extended.mjs");

    /// <summary>apache-arrow's rows JSON (decoded values) of the Arrow file or stream at <paramref name="path"/>.</summary>
    public Task<JsonObject> ReadExtendedAsync(string path) => RunAsync("read", path, "arrow-extended.mjs");

    private async Task<JsonObject> RunAsync(string command, string path, string script = "arrow-interop.mjs")
    {
        var start = new ProcessStartInfo(_node)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(_directory, script));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_node}.");
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"apache-arrow could not {command} {path} (exit {process.ExitCode}): {await stderr}");
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
