using System.CommandLine;
using Tiled.Api.Hosting;

namespace Tiled.Api.Cli;

/// <summary><c>tiled serve catalog [DATABASE_URI] [--temp] [--write-storage DIR] ...</c> (Tiled's options, protocol §11).</summary>
internal static class ServeCatalogCommand
{
    public static Command Build()
    {
        var database = new Argument<string?>("database") { Arity = ArgumentArity.ZeroOrOne, Description = "sqlite:///PATH or postgresql://USER:PASS@HOST:PORT/DB" };
        // An unknown option would otherwise be taken for the DATABASE_URI and refused as an unsupported scheme.
        database.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && r.Tokens[0].Value.StartsWith('-'))
            {
                r.AddError($"Unknown option '{r.Tokens[0].Value}'.");
            }
        });
        var temp = new Option<bool>("--temp") { Description = "Use a temporary SQLite catalog and storage, deleted on exit." };
        var write = new Option<string?>("--write-storage", "-w", "--write") { Description = "Directory for writable array storage." };
        var init = new Option<bool>("--init") { Description = "Create the catalog schema if it is missing, or upgrade one made by an earlier release." };
        var read = new Option<string[]>("--read-storage", "-r", "--read")
        {
            Description = "A directory whose files may be registered as external data (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var options = new ServeOptions();
        var command = new Command("catalog", "Serve a catalog of nodes from SQLite or PostgreSQL.") { database, temp, write, init, read };
        options.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            ServerSettings Configure() => options.Apply(result,
                CatalogSettings(result.GetValue(database), result.GetValue(temp), result.GetValue(write), result.GetValue(init))
                    with { ReadStorage = result.GetValue(read) ?? [] });
            return await ServerRunner.RunAsync(Configure, options.Verbose(result), ct);
        });
        return command;
    }

    private static ServerSettings CatalogSettings(string? database, bool temp, string? writeStorage, bool init)
    {
        if (temp)
        {
            var directory = Directory.CreateTempSubdirectory("tiled-").FullName;
            return new ServerSettings
            {
                DatabaseUri = database ?? $"sqlite:///{Path.Combine(directory, "catalog.db")}",
                WriteStorage = writeStorage ?? Path.Combine(directory, "data"),
                InitIfNotExists = true,
                TemporaryDirectory = directory,
            };
        }

        if (database is null)
        {
            throw new CommandLineException("Give a DATABASE_URI (sqlite:///PATH or postgresql://...) or --temp.");
        }

        return new ServerSettings
        {
            DatabaseUri = database,
            WriteStorage = writeStorage ?? throw new CommandLineException("--write-storage DIR is required with a DATABASE_URI."),
            InitIfNotExists = init,
        };
    }
}
