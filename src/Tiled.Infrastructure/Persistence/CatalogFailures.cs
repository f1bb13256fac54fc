using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tiled.Application.Common.Errors;

namespace Tiled.Infrastructure.Persistence;

/// <summary>
/// Tells a database that cannot work now (connection lost or refused, timeout, shutdown, disk full,
/// too many connections) from a query that is wrong, and says which in words a client can read.
/// After a lost connection the pools are emptied, so that connections the server closed are not
/// handed to the next requests (they would each fail once after the database is back).
/// </summary>
internal static class CatalogFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>The <see cref="CatalogUnavailableException"/> for <paramref name="exception"/>, or null if it is not an outage.</summary>
    public static CatalogUnavailableException? Translate(Exception exception)
    {
        var reason = Reason(exception);
        if (reason is null)
        {
            return null;
        }

        if (Unwrap(exception) is NpgsqlException and not PostgresException || reason.StartsWith("connection", StringComparison.Ordinal))
        {
            NpgsqlConnection.ClearAllPools();
        }

        return new CatalogUnavailableException(reason, exception);
    }

    /// <summary>True when the connection broke before or while talking to the server (worth one retry for a read).</summary>
    public static bool IsBrokenConnection(Exception exception) => Unwrap(exception) switch
    {
        NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException } => true,
        NpgsqlException n => n.Message.Contains("broken", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// True when PostgreSQL chose this transaction as the victim of a deadlock or a serialization
    /// conflict: it rolled the whole transaction back, so running it again cannot apply it twice.
    /// </summary>
    public static bool IsRolledBackConflict(Exception exception) =>
        Unwrap(exception) is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private static Exception Unwrap(Exception exception) =>
        exception is DbUpdateException or InvalidOperationException && exception.InnerException is { } inner ? Unwrap(inner) : exception;

    private static string? Reason(Exception exception) => Unwrap(exception) switch
    {
        PostgresException p => p.SqlState switch
        {
            PostgresErrorCodes.DiskFull => "it is out of disk space",
            PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.InsufficientResources => "it is out of resources",
            PostgresErrorCodes.TooManyConnections => "it has too many connections",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => "it is shutting down or starting",
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected => "a conflicting transaction",
            PostgresErrorCodes.QueryCanceled => "it did not answer within the configured timeout",
            PostgresErrorCodes.IoError or PostgresErrorCodes.SystemError => "a storage error",
            _ when p.SqlState.StartsWith("08", StringComparison.Ordinal) => "connection lost",
            _ when p.SqlState.StartsWith("53", StringComparison.Ordinal) || p.SqlState.StartsWith("58", StringComparison.Ordinal) => "it is out of resources",
            _ => null,
        },
        NpgsqlException { InnerException: TimeoutException } => "it did not answer within the configured timeout",
        NpgsqlException => "connection lost or refused",
        TimeoutException => "it did not answer within the configured timeout",
        SqliteException s => s.SqliteErrorCode switch
        {
            SqliteFull => "it is out of disk space",
            SqliteIoError or SqliteCantOpen => "a storage error",
            SqliteBusy or SqliteLocked => "it stayed locked for the whole timeout",
            _ => null,
        },
        _ => null,
    };
}
