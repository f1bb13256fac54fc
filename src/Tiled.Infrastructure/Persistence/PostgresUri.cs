using System.Globalization;
using Npgsql;

namespace Tiled.Infrastructure.Persistence;

/// <summary>Parses the part of <c>postgresql://USER:PASS@HOST:PORT/DB?k=v</c> after the scheme into an Npgsql connection string.</summary>
internal static class PostgresUri
{
    public static string ToConnectionString(string rest)
    {
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var builder = new NpgsqlConnectionStringBuilder();
        // The last '@' ends the user info, so an unescaped '/' or ':' in a password still parses.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? rest : rest[..slash];
        var database = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var (host, port) = SplitHostPort(hostPort);
        builder.Host = host.Length == 0 ? "localhost" : host;
        builder.Port = port;
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            try
            {
                builder[key] = Uri.UnescapeDataString(eq < 0 ? "" : pair[(eq + 1)..]);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"Unsupported PostgreSQL option '{key}' in the database URI");
            }
        }

        return builder.ConnectionString;
    }

    private static (string Host, int Port) SplitHostPort(string hostPort)
    {
        var portStart = hostPort.StartsWith('[')
            ? hostPort.IndexOf("]:", StringComparison.Ordinal) is var close and >= 0 ? close + 1 : -1
            : hostPort.LastIndexOf(':');
        var host = portStart < 0 ? hostPort : hostPort[..portStart];
        host = host.TrimStart('[').TrimEnd(']');
        if (portStart < 0)
        {
            return (host, 5432);
        }

        var portText = hostPort[(portStart + 1)..];
        return int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (host, port)
            : throw new ArgumentException($"Invalid port '{portText}' in the database URI");
    }
}
