using Tiled.Api.Cli;

try
{
    return await TiledCommandLine.Build().Parse(args).InvokeAsync();
}
catch (CommandLineException e)
{
    await Console.Error.WriteLineAsync($"tiled: {e.Message}");
    return 2;
}
