using System.CommandLine;
using Tiled.Application.Principals;
using Tiled.Domain.Principals;

namespace Tiled.Api.Cli;

/// <summary><c>tiled admin create-principal DATABASE_URI [--role user|admin] [--identity NAME] [--service]</c>.</summary>
internal static class AdminCommand
{
    public static Command Build()
    {
        var database = DatabaseArgument();
        var role = new Option<string>("--role") { Description = "user or admin (default user).", DefaultValueFactory = _ => Role.User.Name };
        var identity = new Option<string?>("--identity") { Description = "A name to recognise the principal by (e.g. a user name)." };
        var service = new Option<bool>("--service") { Description = "A service (a program), not a person." };
        var create = new Command("create-principal", "Create a principal and print its uuid.") { database, role, identity, service };
        create.SetOneLineAction(async (result, ct) =>
        {
            await using var admin = await AdminServices.OpenAsync(result.GetValue(database)!, ct);
            var principal = await CommandLineErrors.RunAsync(() => admin.Mediator.Send(new CreatePrincipalCommand(
                result.GetValue(service) ? PrincipalType.Service : PrincipalType.User, result.GetValue(role)!, result.GetValue(identity)), ct));
            Console.WriteLine(principal.Uuid.ToString("D"));
            return 0;
        });
        return new Command("admin", "Administer principals in a catalog database.") { create };
    }

    public static Argument<string> DatabaseArgument() =>
        new("database") { Description = "The catalog database: sqlite:///PATH or postgresql://USER:PASS@HOST:PORT/DB" };
}
