using System.ComponentModel;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Interop;

/// <summary>
/// Runs zarr-python scripts for the interop tests. The interpreter is <c>TILED_TEST_PYTHON</c> or
/// <c>/usr/bin/python3</c>. Without it (or without zarr and numpy) the tests fail when <c>CI</c> is
/// set and return early with a message otherwise.
/// </summary>
internal static class ZarrPython
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<string?>> Unavailable = new(FindProblemAsync);

    private static string Executable => Environment.GetEnvironmentVariable("TILED_TEST_PYTHON") is { Length: > 0 } path
        ? path
        : "/usr/bin/python3";

    /// <summary>True when zarr-python can run; otherwise fails under CI or explains the early return.</summary>
    public static async Task<bool> IsAvailableAsync(ITestOutputHelper output)
    {
        if (await Unavailable.Value is not { } problem)
        {
            return true;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException($"Zarr interop tests need zarr-python, but {problem} (CI is set).");
        }

        output.WriteLine($"Skipping the zarr-python comparison: {problem}.");
        return false;
    }

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> and returns its standard output.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var (exitCode, stdout, stderr) = await ExecuteAsync(script, args);
        return exitCode == 0
            ? stdout
            : throw new InvalidOperationException($"python exited with {exitCode}:\n{stderr}");
    }

    private static async Task<string?> FindProblemAsync()
    {
        try
        {
            var (exitCode, _, stderr) = await ExecuteAsync("import zarr, numcodecs, numpy", []);
            return exitCode == 0 ? null : $"'{Executable}' cannot import zarr, numcodecs and numpy ({stderr.Trim()})";
        }
        catch (Win32Exception e)
        {
            return $"'{Executable}' cannot be started ({e.Message})";
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> ExecuteAsync(string script, string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{Executable}' did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python did not finish within {Timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
