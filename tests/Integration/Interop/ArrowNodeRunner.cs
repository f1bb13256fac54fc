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

    private Task<JsonObject> RunAsync(string command, string path, string script = "arrow-interop.mjs") =>
        NodeInterop.RunJsonAsync(_node, _directory, script, command, path, s_timeout);
}
