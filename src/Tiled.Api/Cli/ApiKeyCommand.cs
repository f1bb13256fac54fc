using System.CommandLine;
using System.Globalization;
using Tiled.Api.Resources;
using Tiled.Application.Principals;

namespace Tiled.Api.Cli;

/// <summary>
/// <c>tiled api-key create|list|revoke DATABASE_URI ...</c>: keys of principals, straight on the
/// catalog database (the secret is printed once, by create, and never stored).
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Build()
    {
        var command = new Command("api-key", "Create, list and revoke API keys in a catalog database.");
        command.Subcommands.Add(Create());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        return command;
    }

    private static Command Create()
    {
        var database = AdminCommand.DatabaseArgument();
        var principal = new Option<Guid>("--principal") { Description = "The uuid of the principal (tiled admin create-principal).", Required = true };
        var scopes = new Option<string[]>("--scopes") { Description = "Scopes of the key (repeatable; default: inherit the principal's).", AllowMultipleArgumentsPerToken = true };
        var expires = new Option<string?>("--expires-in") { Description = "Lifetime: seconds, or a number with s, m, h, d or y (e.g. 7d)." };
        var note = new Option<string?>("--note") { Description = "A description for people." };
        var create = new Command("create", "Create a key and print its secret (shown only this once).") { database, principal, scopes, expires, note };
        create.SetOneLineAction(async (result, ct) =>
        {
            var given = result.GetValue(scopes);
            await using var admin = await AdminServices.OpenAsync(result.GetValue(database)!, ct);
            var created = await CommandLineErrors.RunAsync(() => admin.Mediator.Send(new CreateApiKeyCommand(result.GetValue(principal),
                given is { Length: > 0 } ? given : null, ExpiresIn(result.GetValue(expires)), result.GetValue(note), null), ct));
            Console.WriteLine(created.Secret);
            return 0;
        });
        return create;
    }

    private static Command List()
    {
        var database = AdminCommand.DatabaseArgument();
        var list = new Command("list", "List principals and their keys (never secrets) as JSON.") { database };
        list.SetOneLineAction(async (result, ct) =>
        {
            await using var admin = await AdminServices.OpenAsync(result.GetValue(database)!, ct);
            var principals = await admin.Mediator.Send(new ListPrincipalsQuery(0, ListPrincipalsQuery.MaxLimit), ct);
            foreach (var principal in principals)
            {
                Console.WriteLine(PrincipalResources.Principal(principal).ToJsonString());
            }

            return 0;
        });
        return list;
    }

    private static Command Revoke()
    {
        var database = AdminCommand.DatabaseArgument();
        var key = new Argument<string>("first-eight") { Description = "The key's first eight characters (or the whole key)." };
        var revoke = new Command("revoke", "Revoke a key at once, in every server on this catalog.") { database, key };
        revoke.SetOneLineAction(async (result, ct) =>
        {
            var text = result.GetValue(key)!;
            var firstEight = text.Length >= 8 ? text[..8].ToLowerInvariant() : throw new CommandLineException("Give the key's first eight characters.");
            await using var admin = await AdminServices.OpenAsync(result.GetValue(database)!, ct);
            var stored = await admin.Store.FindKeyAsync(firstEight, ct) ?? throw new CommandLineException($"No API key starts with {firstEight}.");
            await admin.Mediator.Send(new RevokeApiKeyCommand(stored.Principal.Uuid, firstEight), ct);
            Console.WriteLine($"Revoked {firstEight}.");
            return 0;
        });
        return revoke;
    }

    /// <summary>Seconds from "3600", "30s", "10m", "1h", "7d" or "3y", as Tiled's client converts them.</summary>
    public static long? ExpiresIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var unit = char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsAsciiLetter(text[^1]) ? text[..^1] : text;
        var factor = unit switch { 's' => 1L, 'm' => 60L, 'h' => 3600L, 'd' => 86400L, 'y' => 365L * 86400, _ => 0L };
        if (factor == 0 || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > long.MaxValue / factor)
        {
            throw new CommandLineException($"--expires-in '{text}' is not a duration: give seconds, or a number with s, m, h, d or y (e.g. 7d).");
        }

        return count * factor;
    }
}
