using MediatR;
using Microsoft.Extensions.Logging;
using Tiled.Application.Abstractions;
using Tiled.Application.Common.Errors;
using Tiled.Application.Common.Limits;
using Tiled.Application.Streaming;
using Tiled.Application.Tables;
using Tiled.Domain.Arrays;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Domain.Tables;

namespace Tiled.Application.Nodes.CreateNode;

internal sealed class CreateNodeHandler(
    INodeCatalog catalog,
    IArrayStore arrays,
    ExternalStructures external,
    ITableStore tables,
    NodeEventPublisher events,
    InputLimitChecks limits,
    ILogger<CreateNodeHandler> logger) : IRequestHandler<CreateNodeCommand, Node>
{
    public const string ZarrMimetype = "application/x-zarr";

    public async Task<Node> Handle(CreateNodeCommand request, CancellationToken cancellationToken)
    {
        var key = request.Key ?? Guid.NewGuid().ToString();
        if (NodeKeys.Problem(key) is { } problem)
        {
            throw new UnsafeKeyException(problem);
        }

        if (limits.KeyProblem(key) is { } tooLong)
        {
            throw new LimitExceededException(size: false, tooLong);
        }

        limits.RequireMetadata(request.Metadata);
        limits.RequireSpecs(request.Specs);

        var parent = await catalog.RequireAsync(request.Parent, StructureFamily.Container, "new child", cancellationToken);
        var path = request.Parent.Child(key);
        if (await catalog.FindAsync(path, cancellationToken) is not null)
        {
            throw new NodeConflictException(path);
        }

        events.RequireAvailable();
        var sources = new List<DataSource>();
        Node? node = null;
        try
        {
            foreach (var source in request.DataSources)
            {
                sources.Add(source.Management == Management.External
                    ? await external.ValidateAsync(source, cancellationToken)
                    : await CreateStorageAsync(path, source, cancellationToken));
            }

            // Not cancelled: a commit interrupted half-way would leave unknown whether the node exists.
            node = await catalog.CreateAsync(path, request.Family, request.Metadata, request.Specs, sources, CancellationToken.None);
        }
        catch (Exception e)
        {
            // A connection that broke after the commit leaves the node there: then this request did create it.
            node = e is CatalogUnavailableException ? await CommittedAsync(path, sources) : null;
            if (node is null)
            {
                await RemoveStorageAsync(sources);
                throw;
            }
        }

        Log.NodeCreated(logger, request.Family.ToWire(), path.ToString());
        try
        {
            await events.ChildCreatedAsync(parent.Id, node, CancellationToken.None);
        }
        catch (StreamCacheUnavailableException)
        {
            // Unannounced, the node is taken back, so that a retry creates it as a first attempt would (ADR 0014).
            await UndoAsync(path, sources);
            throw new StreamCacheUnavailableException(
                "The stream cache is unavailable, so subscribers could not be told of this node: nothing was stored. Retry shortly.");
        }

        return node;
    }

    /// <summary>The node at <paramref name="path"/> if it holds exactly the storage this request made; null if not, or if that cannot be known.</summary>
    private async Task<Node?> CommittedAsync(NodePath path, IReadOnlyList<DataSource> sources)
    {
        try
        {
            var found = await catalog.FindAsync(path, CancellationToken.None);
            var ours = sources.SelectMany(s => s.Assets).Select(a => a.DataUri).ToHashSet(StringComparer.Ordinal);
            return found is not null && ours.Count > 0 && found.DataSources.SelectMany(s => s.Assets).Any(a => ours.Contains(a.DataUri))
                ? found
                : null;
        }
        catch (CatalogUnavailableException)
        {
            return null;
        }
    }

    private async Task UndoAsync(NodePath path, IReadOnlyList<DataSource> sources)
    {
        try
        {
            await catalog.DeleteAsync(path, CancellationToken.None);
            await RemoveStorageAsync(sources);
        }
        catch (CatalogUnavailableException e)
        {
            Log.CreateUndoFailed(logger, e, path.ToString());
        }
    }

    private async Task<DataSource> CreateStorageAsync(NodePath path, DataSource source, CancellationToken ct)
    {
        if (source.StructureFamily == StructureFamily.Table)
        {
            return await CreateTableStorageAsync(path, source, ct);
        }

        var mimetype = string.IsNullOrEmpty(source.Mimetype) ? ZarrMimetype : source.Mimetype;
        if (mimetype != ZarrMimetype)
        {
            throw new UnsupportedMediaTypeException(
                $"Writable arrays are stored as {ZarrMimetype}; the mimetype '{mimetype}' is not supported.");
        }

        var structure = ArrayStructure.FromJson(source.Structure);
        limits.RequireArray(structure);
        var dataUri = await arrays.CreateAsync(path.Segments, structure, ct);
        return source with
        {
            Structure = structure.ToJson(),
            Mimetype = mimetype,
            Assets = [new Asset(null, dataUri, IsDirectory: true, Parameter: "data_uri", Num: null)],
        };
    }

    private async Task<DataSource> CreateTableStorageAsync(NodePath path, DataSource source, CancellationToken ct)
    {
        var mimetype = string.IsNullOrEmpty(source.Mimetype) ? TableMediaTypes.ArrowFile : source.Mimetype;
        if (mimetype is not (TableMediaTypes.ArrowFile or TableMediaTypes.SqlTable))
        {
            throw new UnsupportedMediaTypeException(
                $"Writable tables are stored as {TableMediaTypes.ArrowFile} (or {TableMediaTypes.SqlTable}); the mimetype '{mimetype}' is not supported.");
        }

        var structure = TableStructure.FromJson(source.Structure);
        var dataUri = await tables.CreateAsync(path.Segments, structure, ct);
        return source with
        {
            Structure = structure.ToJson(),
            Mimetype = mimetype,
            Assets = [new Asset(null, dataUri, IsDirectory: true, Parameter: "data_uri", Num: null)],
        };
    }

    private async Task RemoveStorageAsync(IEnumerable<DataSource> sources)
    {
        var owned = sources.Where(s => s.Management == Management.Writable);
        foreach (var (family, asset) in owned.SelectMany(s => s.Assets.Select(a => (s.StructureFamily, a))))
        {
            try
            {
                if (family == StructureFamily.Table)
                {
                    await tables.DeleteAsync(asset.DataUri, CancellationToken.None);
                }
                else
                {
                    await arrays.DeleteAsync(asset.DataUri, CancellationToken.None);
                }
            }
            catch (IOException e)
            {
                Log.StorageCleanupFailed(logger, e, asset.DataUri);
            }
        }
    }
}
