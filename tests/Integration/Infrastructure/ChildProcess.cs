using System.Diagnostics;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Runs a program to its end and returns its exit code and what it printed (trimmed).</summary>
public static class ChildProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, (await output).ReplaceLineEndings("\n").Trim(), (await error).Trim());
    }
}
