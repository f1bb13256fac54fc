using System.CommandLine;

namespace Tiled.Api.Cli;

/// <summary>The <c>tiled</c> command line: <c>serve catalog ...</c>, <c>serve config FILE</c>, <c>admin ...</c> and <c>api-key ...</c>.</summary>
internal static class TiledCommandLine
{
    public static RootCommand Build()
    {
        var serve = new Command("serve", "Run a Tiled server.");
        serve.Subcommands.Add(ServeCatalogCommand.Build());
        serve.Subcommands.Add(ServeConfigCommand.Build());
        var root = new RootCommand("Tiled for .NET: structured scientific data over HTTP, with live streaming.");
        root.Subcommands.Add(serve);
        root.Subcommands.Add(AdminCommand.Build());
        root.Subcommands.Add(ApiKeyCommand.Build());
        return root;
    }
}
