using Microsoft.Extensions.Logging;

namespace Tiled.Application;

/// <summary>Every log message of the Application layer (event ids 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Handled {UseCase} in {ElapsedMs} ms")]
    public static partial void UseCaseHandled(ILogger logger, string useCase, double elapsedMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Created {StructureFamily} node {NodePath}")]
    public static partial void NodeCreated(ILogger logger, string structureFamily, string nodePath);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Deleted node {NodePath}")]
    public static partial void NodeDeleted(ILogger logger, string nodePath);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Wrote {Bytes} bytes to array {NodePath} (persist {Persist})")]
    public static partial void ArrayWritten(ILogger logger, string nodePath, int bytes, bool persist);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Array {NodePath} grew to shape {Shape}")]
    public static partial void ArrayExtended(ILogger logger, string nodePath, string shape);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Could not remove storage {DataUri} of a failed create or a deleted node")]
    public static partial void StorageCleanupFailed(ILogger logger, Exception exception, string dataUri);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Closed stream of {NodePath} at sequence {Sequence}")]
    public static partial void StreamClosed(ILogger logger, string nodePath, long sequence);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "Wrote {Rows} rows to partition {Partition} of table {NodePath} (append {Append})")]
    public static partial void TableWritten(ILogger logger, string nodePath, int partition, long rows, bool append);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Could not remove the retained stream entries of {Count} deleted nodes; they expire with their TTL")]
    public static partial void StreamCleanupFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "Could not take back node {NodePath}, created but not announced")]
    public static partial void CreateUndoFailed(ILogger logger, Exception exception, string nodePath);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Removing the storage of deleted node {NodePath} without its write lock: the catalog database is unavailable")]
    public static partial void DeleteCleanupUnlocked(ILogger logger, Exception exception, string nodePath);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The delete of {NodePath} committed although the database failed to say so; its storage and stream are removed now")]
    public static partial void DeleteFinishedLate(ILogger logger, string nodePath);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "Could not take back a write to partition {Partition} of table {NodePath}, stored but not announced")]
    public static partial void TableWriteUndoFailed(ILogger logger, Exception exception, string nodePath, int partition);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "A write to partition {Partition} of table {NodePath} was taken back: the stream cache could not announce it")]
    public static partial void TableWriteTakenBack(ILogger logger, string nodePath, int partition);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Could not remove the previous content of partition {Partition} of table {NodePath}; a hidden .partial file is left")]
    public static partial void PartitionBackupLeft(ILogger logger, Exception exception, string nodePath, int partition);
}
