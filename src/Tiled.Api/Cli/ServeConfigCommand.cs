using Tiled.Api.Hosting;
using System.CommandLine;

namespace Tiled.Api.Cli;

/// <summary><c>tiled serve config FILE.yml</c>: the same settings from a Tiled-style YAML file.</summary>
internal static class ServeConfigCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("config") { Description = "Path to a YAML configuration file." };
        var options = new ServeOptions();
        var command = new Command("config", "Serve using a Tiled-style YAML configuration file.") { file };
        options.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            ServerSettings Configure() => options.Apply(result, ConfigFile.Load(result.GetValue(file) ?? ""));
            return await ServerRunner.RunAsync(Configure, options.Verbose(result), ct);
        });
        return command;
    }
}
