using System.CommandLine;
using Tiled.Domain.Common;

namespace Tiled.Api.Cli;

/// <summary>The command line's one-line errors: "tiled: ..." on standard error, exit code 2.</summary>
internal static class CommandLineErrors
{
    /// <summary>Sets <paramref name="action"/> as the command's action, answering a <see cref="CommandLineException"/> in one line.</summary>
    public static void SetOneLineAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (result, ct) =>
        {
            try
            {
                return await action(result, ct);
            }
            catch (CommandLineException e)
            {
                await Console.Error.WriteLineAsync($"tiled: {e.Message}");
                return 2;
            }
        });

    /// <summary>Runs a use case, turning its refusal into a <see cref="CommandLineException"/>.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (DomainException e)
        {
            throw new CommandLineException(e.Message);
        }
    }
}
