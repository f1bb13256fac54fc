using Tiled.Api.Hosting;

namespace Tiled.Api.Cli;

/// <summary>Starts the server, waits for Ctrl+C, and turns start-up failures into one clear line.</summary>
internal static class ServerRunner
{
    public static async Task<int> RunAsync(Func<ServerSettings> configure, bool verbose, CancellationToken ct)
    {
        ServerSettings settings;
        try
        {
            settings = configure();
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"tiled: {e.Message}");
            return 2;
        }

        try
        {
            var app = await TiledServer.BuildAsync(settings, verbose, ct);
            await app.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException
                                      or UnauthorizedAccessException or CommandLineException)
        {
            await Console.Error.WriteLineAsync($"tiled: {e.Message}");
            if (settings.TemporaryDirectory is { } temp && Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            return 2;
        }
    }
}
