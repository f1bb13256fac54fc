using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Runs <c>tests/interop/msgpack-interop.mjs</c> under Node.js, which answers decode and encode
/// requests with the independent @msgpack/msgpack implementation (protocol in the script's header).
/// </summary>
internal sealed class MessagePackNodeRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    private readonly string _node;
    private readonly string _directory;

    private MessagePackNodeRunner(string node, string directory)
    {
        _node = node;
        _directory = directory;
    }

    /// <summary>
    /// Finds node and the installed npm folder. When either is missing the test fails if the CI
    /// variable is set; otherwise this says why in the test output and returns null.
    /// </summary>
    public static MessagePackNodeRunner? Find(ITestOutputHelper output) =>
        NodeInterop.Locate(output, "@msgpack/msgpack/package.json", "@msgpack/msgpack", "MessagePack") is { } found ? new MessagePackNodeRunner(found.Node, found.Directory) : null;

    /// <summary>Sends all requests to one node process and returns its answers in the same order.</summary>
    public async Task<IReadOnlyList<JsonObject>> RunAsync(IReadOnlyList<JsonObject> requests)
    {
        var start = new ProcessStartInfo(_node)
        {
            WorkingDirectory = _directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(_directory, "msgpack-interop.mjs"));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_node}.");
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            // Read while writing: node answers line by line, and full pipes would block both sides.
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            foreach (var request in requests)
            {
                await process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), timeout.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (process.ExitCode != 0 || lines.Length != requests.Count)
            {
                throw new InvalidOperationException(
                    $"node exited with {process.ExitCode} after {lines.Length} of {requests.Count} answers: {await stderr}");
            }

            return lines.Select(line => JsonNode.Parse(line) as JsonObject
                ?? throw new InvalidOperationException($"node answered with a non-object: {line}")).ToList();
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
