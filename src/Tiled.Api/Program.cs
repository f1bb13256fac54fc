using System.CommandLine;
using System.CommandLine.Parsing;
using Tiled.Api.Cli;

try
{
    var command = TiledCommandLine.Build().Parse(args);
    if (command.Errors.Count > 0)
    {
        // One line naming what is wrong and where to look, exit code 2 (not System.CommandLine's help page and 1).
        await Console.Error.WriteLineAsync($"tiled: {command.Errors[0].Message.TrimEnd('.')}. See '{CommandPath(command)} --help'.");
        return 2;
    }

    return await command.InvokeAsync();
}
catch (CommandLineException e)
{
    await Console.Error.WriteLineAsync($"tiled: {e.Message}");
    return 2;
}

static string CommandPath(ParseResult command)
{
    var names = new List<string>();
    for (SymbolResult? result = command.CommandResult; result is CommandResult { Parent: not null } sub; result = sub.Parent)
    {
        names.Add(sub.Command.Name);
    }

    names.Add("tiled");
    names.Reverse();
    return string.Join(' ', names);
}
