namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Runs the real <c>tiled</c> command line (<c>dotnet tiled.dll ...</c>) and returns what it printed.</summary>
public static class TiledCli
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "tiled.dll"), .. arguments]);

    /// <summary>Runs and returns the output, failing with what it printed unless it exits 0.</summary>
    public static async Task<string> RunOkAsync(params string[] arguments)
    {
        var (code, output, error) = await RunAsync(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"tiled {string.Join(' ', arguments)} exited {code}: {error}");
    }
}
