using System.Diagnostics;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>tiled</c> command line (<c>dotnet tiled.dll ...</c>) and returns what it printed.</summary>
public static class TiledCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tiled.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Runs and returns the output, failing with what it printed unless it exits 0.</summary>
    public static async Task<string> RunOkAsync(params string[] arguments)
    {
        var (code, output, error) = await RunAsync(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"tiled {string.Join(' ', arguments)} exited {code}: {error}");
    }
}
