using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Tiled.Api.Hosting;

namespace Tiled.Api.Cli;

/// <summary>Starts the server, prints the banner, waits for Ctrl+C, and turns start-up failures into one clear line.</summary>
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
            await using var app = await TiledServer.BuildAsync(settings, verbose, ct);
            await StartAsync(app, settings, ct);
            foreach (var line in StartupBanner.Lines(app, settings))
            {
                Console.WriteLine(line);
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
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

    private static async Task StartAsync(WebApplication app, ServerSettings settings, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            throw new CommandLineException(
                $"--port {settings.Port}: {settings.Host}:{settings.Port} is already in use (another server?); stop it or choose another port with --port.");
        }
        catch (IOException e) when (e.InnerException is SocketException)
        {
            throw new CommandLineException(
                $"--host {settings.Host}: cannot listen there ({e.InnerException.Message}); give an address of this machine, such as 127.0.0.1 or 0.0.0.0.");
        }
    }
}
