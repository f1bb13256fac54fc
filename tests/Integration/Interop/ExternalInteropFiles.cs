using System.ComponentModel;
using System.Text.Json.Nodes;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Files written once per test class by numpy, zarr-python, tifffile and Pillow (see
/// <see cref="ExternalInteropScript"/>), with the manifest of what those libraries read back.
/// <see cref="Root"/> is the directory the readers may use. When Python or one of the libraries is
/// missing the tests fail under <c>CI</c> and return early otherwise.
/// </summary>
public sealed class ExternalInteropFiles : IAsyncLifetime
{
    private string? _problem;
    private JsonObject? _manifest;

    public string TempPath { get; } = Path.Combine(Path.GetTempPath(), "tiled-external-interop-" + Guid.NewGuid().ToString("N"));

    public string Root => Path.Combine(TempPath, "data");

    public JsonObject Manifest => _manifest ?? throw new InvalidOperationException("The interop files were not created.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TempPath);
        try
        {
            await ZarrPython.RunAsync(ExternalInteropScript.Imports);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            _problem = $"python3 with numpy, tifffile, zarr, numcodecs and PIL is not available ({e.Message.Trim()})";
            return;
        }

        var output = await ZarrPython.RunAsync(ExternalInteropScript.Source, TempPath);
        _manifest = JsonNode.Parse(output) as JsonObject ?? throw new InvalidOperationException("The interop script printed no manifest.");
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(TempPath))
        {
            Directory.Delete(TempPath, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>True when the files exist; otherwise fails under CI or explains the early return.</summary>
    public bool IsAvailable(ITestOutputHelper output)
    {
        if (_problem is null)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"External reader interop tests need {_problem} (CI is set).");
        }

        output.WriteLine($"Skipping the external reader interop comparison: {_problem}.");
        return false;
    }

    /// <summary>One manifest entry: the files, numpy's dtype string, the shape and the little-endian bytes.</summary>
    public (string[] Paths, string DType, long[] Shape, byte[] LittleEndian, JsonObject Entry) Entry(string name)
    {
        var entry = Manifest[name] as JsonObject ?? throw new ArgumentException($"No interop file '{name}'.", nameof(name));
        return (
            entry["paths"]?.AsArray().Select(p => p?.GetValue<string>() ?? "").ToArray() ?? [],
            entry["dtype"]?.GetValue<string>() ?? "",
            entry["shape"]?.AsArray().Select(n => n?.GetValue<long>() ?? 0).ToArray() ?? [],
            Convert.FromBase64String(entry["le"]?.GetValue<string>() ?? ""),
            entry);
    }
}
