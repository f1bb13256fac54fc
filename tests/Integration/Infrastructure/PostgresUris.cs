using Npgsql;

namespace Tiled.IntegrationTests.Infrastructure;

/// <summary>Turns an Npgsql connection string into the <c>postgresql://</c> URI the server takes.</summary>
public static class PostgresUris
{
    public static string From(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var credentials = b.Password is { Length: > 0 } password ? $"{b.Username}:{password}" : b.Username;
        return $"postgresql://{credentials}@{b.Host}:{b.Port}/{b.Database}";
    }
}
