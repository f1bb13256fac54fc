using System.Data.Common;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tiled.Infrastructure.Persistence.Search;

/// <summary>
/// The functions SQLite lacks, registered on every connection the catalog opens: a regular
/// expression search (.NET syntax, as the server validates patterns) and deep equality of JSON
/// lists and objects (key order aside).
/// </summary>
internal sealed class SqliteFunctions : DbConnectionInterceptor
{
    public const string Regexp = "tiled_regexp";
    public const string JsonEqual = "tiled_json_equal";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static SqliteFunctions Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite)
        {
            return;
        }

        sqlite.CreateFunction<string?, string?, long, bool>(Regexp, IsMatch, isDeterministic: true);
        sqlite.CreateFunction<string?, string?, bool>(JsonEqual, JsonEquals, isDeterministic: true);
    }

    private static bool IsMatch(string? pattern, string? value, long caseSensitive) =>
        pattern is not null && value is not null &&
        System.Text.RegularExpressions.Regex.IsMatch(value, pattern,
            caseSensitive != 0 ? RegexOptions.CultureInvariant : RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);

    private static bool JsonEquals(string? left, string? right) =>
        left is not null && right is not null && JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
}
