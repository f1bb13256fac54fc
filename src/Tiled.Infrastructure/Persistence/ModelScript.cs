using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Pieces of the create script EF Core derives from the model, for upgrades that add tables.</summary>
internal static partial class ModelScript
{
    /// <summary>
    /// The script's statements that create <paramref name="tables"/> or their indexes, in script
    /// order, as <c>IF NOT EXISTS</c> (a catalog whose version row was lowered by hand may have them).
    /// </summary>
    public static IReadOnlyList<string> StatementsOn(TiledDbContext db, params string[] tables) =>
        db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(statement => TargetTable(statement) is { } table && tables.Contains(table, StringComparer.Ordinal))
            .Select(statement => IfNotExists().Replace(statement, "$1 IF NOT EXISTS ", 1) + ";")
            .ToList();

    private static string? TargetTable(string statement)
    {
        var match = CreateStatement().Match(statement);
        return match.Success ? match.Groups["table"].Value : null;
    }

    [GeneratedRegex(@"^(CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX))\s+", RegexOptions.IgnoreCase)]
    private static partial Regex IfNotExists();

    [GeneratedRegex("""^CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX\s+"?\w+"?\s+ON)\s+"?(?<table>\w+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex CreateStatement();
}
