using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Lets SQLite itself wait (up to 30 s) for a concurrent writer instead of failing with
/// "database is locked". Set on every opened connection because the setting is per connection.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static SqliteBusyTimeout Instance { get; } = new();

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
