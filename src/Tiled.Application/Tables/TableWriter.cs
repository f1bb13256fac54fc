using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Streaming;
using Tiled.Domain.Nodes;
using Tiled.Domain.Tables;

namespace Tiled.Application.Tables;

/// <summary>
/// What every table write does, in order: check the media type, load the table, check the
/// partition, decode and check the upload against the table's schema, store it, and only then
/// publish <c>table-data</c> with the request body as it came. Any failure stores and streams nothing:
/// a write the stream cache cannot announce is taken back.
/// </summary>
internal sealed class TableWriter(
    INodeCatalog catalog,
    ITableStore tables,
    INodeWriteLock locks,
    NodeEventPublisher events,
    ILogger<TableWriter> logger)
{
    /// <summary>Writes one partition (<paramref name="partition"/> null: <c>/table/full</c>, one-partition tables only).</summary>
    public async Task<TableWriteResult> WriteAsync(NodePath path, long? partition, bool append, string mediaType,
        StreamPayload payload, CancellationToken ct)
    {
        var essence = TableUpload.RequireMediaType(mediaType);
        var target = await TableTarget.LoadAsync(catalog, path, "table data", ct);
        var structure = target.Structure;
        if (partition is null && structure.PartitionCount != 1)
        {
            throw new InvalidRequestException(
                $"This table has {structure.PartitionCount} partitions; write each one with PUT /api/v1/table/partition/{path}?partition=i.");
        }

        var index = structure.RequirePartition(partition ?? 0);
        target.RequireWritable();
        var data = TableUpload.Decode(essence, payload.Bytes);
        TableSchemas.Match(structure.Schema, data.Schema, "the table's schema");

        await using (await locks.AcquireAsync(path, ct))
        {
            events.RequireAvailable();
            var write = append
                ? await tables.AppendPartitionAsync(target.DataUri, index, data, CancellationToken.None)
                : await tables.ReplacePartitionAsync(target.DataUri, index, data, CancellationToken.None);
            Log.TableWritten(logger, path.ToString(), index, data.RowCount, append);
            long sequence;
            try
            {
                // Once stored, announced whatever the client does meanwhile.
                sequence = await events.TableDataAsync(target.Node.Id, essence, partition is null ? null : index, append, payload, CancellationToken.None);
            }
            catch (StreamCacheUnavailableException)
            {
                if (!TryUndo(write, path, index))
                {
                    throw; // Stored and kept: its detail says so.
                }

                // Unannounced, the write is taken back, so that a retry (Tiled's client retries a 503)
                // stores it once, as a first attempt would (ADR 0014).
                throw new StreamCacheUnavailableException(
                    "The stream cache is unavailable, so subscribers could not be told of this write: nothing was stored. Retry shortly.");
            }

            Keep(write, path, index);
            return new TableWriteResult(index, sequence);
        }
    }

    private bool TryUndo(IPartitionWrite write, NodePath path, int partition)
    {
        try
        {
            write.Undo();
            Log.TableWriteTakenBack(logger, path.ToString(), partition);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.TableWriteUndoFailed(logger, e, path.ToString(), partition);
            return false;
        }
    }

    private void Keep(IPartitionWrite write, NodePath path, int partition)
    {
        try
        {
            write.Keep();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.PartitionBackupLeft(logger, e, path.ToString(), partition);
        }
    }
}
