using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Tiled.Client.Queries;

namespace Tiled.Client;

/// <summary>
/// A container: look children up by key, list them page by page, create new ones. <see cref="Search"/>
/// and <see cref="Sort"/> return views whose listings, counts and distinct values carry the queries
/// and the sort, as Tiled's Python client does.
/// </summary>
public sealed class ContainerClient : NodeClient
{
    private readonly IReadOnlyList<Query> _queries;
    private readonly IReadOnlyList<(string Key, int Direction)> _sorting;

    internal ContainerClient(TiledContext context, JsonObject item) : this(context, item, [], [])
    {
    }

    private ContainerClient(TiledContext context, JsonObject item, IReadOnlyList<Query> queries, IReadOnlyList<(string Key, int Direction)> sorting)
        : base(context, item)
    {
        _queries = queries;
        _sorting = sorting;
    }

    /// <summary>The queries this view applies (ANDed).</summary>
    public IReadOnlyList<Query> Queries => _queries;

    /// <summary>A view of the children matching <paramref name="queries"/> as well as this view's queries.</summary>
    public ContainerClient Search(params Query[] queries) => new(Context, Item, [.. _queries, .. queries], _sorting);

    /// <summary>A view sorted by metadata keys (or <c>id</c>, the child's key): direction 1 ascending, -1 descending.</summary>
    public ContainerClient Sort(params (string Key, int Direction)[] sorting) => new(Context, Item, _queries, sorting);

    /// <summary>Distinct values of metadata keys, structure families and specs among this view's children.</summary>
    public async Task<DistinctValues> DistinctAsync(IEnumerable<string> metadataKeys, bool structureFamilies = false, bool specs = false,
        bool counts = false, CancellationToken ct = default)
    {
        var parameters = metadataKeys.Select(k => $"metadata={Uri.EscapeDataString(k)}")
            .Append($"structure_families={Lower(structureFamilies)}").Append($"specs={Lower(specs)}").Append($"counts={Lower(counts)}")
            .Concat(FilterParameters());
        var url = $"{SelfLink.Replace("/metadata/", "/distinct/", StringComparison.Ordinal)}?{string.Join('&', parameters)}";
        return DistinctValues.FromJson(await Context.SendJsonAsync(HttpMethod.Get, url, null, ct));
    }

    /// <summary>Every child of this view, in its order, fetching <paramref name="pageSize"/> at a time as they are enumerated.</summary>
    public async IAsyncEnumerable<NodeClient> ItemsAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? next = Url(0, pageSize);
        while (next is not null)
        {
            var page = await Context.SendJsonAsync(HttpMethod.Get, next, null, ct);
            foreach (var item in page?["data"] as JsonArray ?? [])
            {
                yield return FromItem(Context, (JsonObject)item!);
            }

            next = page?["links"]?["next"]?.GetValue<string>();
        }
    }

    /// <summary>The child at <paramref name="key"/> (may be a path "a/b"); throws <see cref="KeyNotFoundException"/> if missing.</summary>
    public async Task<NodeClient> GetAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var document = await Context.SendJsonAsync(HttpMethod.Get, $"{SelfLink.TrimEnd('/')}/{key}", null, ct);
            return FromItem(Context, (JsonObject)document!["data"]!);
        }
        catch (TiledException e) when (e.StatusCode == 404)
        {
            throw new KeyNotFoundException($"No node '{key}' in /{string.Join('/', Path)}.", e);
        }
    }

    /// <summary>Number of children.</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var page = await Context.SendJsonAsync(HttpMethod.Get, Url(0, 0), null, ct);
        return page?["meta"]?["count"]?.GetValue<long>() ?? 0;
    }

    /// <summary>One page of this view's children (insertion order unless sorted).</summary>
    public async Task<IReadOnlyList<NodeClient>> ListAsync(long offset = 0, int limit = 100, CancellationToken ct = default)
    {
        var page = await Context.SendJsonAsync(HttpMethod.Get, Url(offset, limit), null, ct);
        return (page?["data"] as JsonArray ?? []).Select(item => FromItem(Context, (JsonObject)item!)).ToList();
    }

    /// <summary>Every child's key, following <c>links.next</c> page by page.</summary>
    public async IAsyncEnumerable<string> KeysAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        string? next = Url(0, 100) + "&fields=";
        while (next is not null)
        {
            var page = await Context.SendJsonAsync(HttpMethod.Get, next, null, ct);
            foreach (var item in page?["data"] as JsonArray ?? [])
            {
                yield return item?["id"]?.GetValue<string>() ?? "";
            }

            next = page?["links"]?["next"]?.GetValue<string>();
        }
    }

    /// <summary>Creates an empty container child.</summary>
    public async Task<ContainerClient> CreateContainerAsync(string key, JsonObject? metadata = null, CancellationToken ct = default) =>
        (ContainerClient)await CreateAsync(key, "container", metadata, [], ct);

    /// <summary>Creates an array child shaped like <paramref name="data"/> (one chunk) and writes its values, as Python's <c>write_array</c>.</summary>
    public async Task<ArrayClient> WriteArrayAsync<T>(NdArray<T> data, string? key = null, JsonObject? metadata = null,
        CancellationToken ct = default) where T : unmanaged
    {
        var structure = ArrayStructureJson.For(data.DataType, data.Shape, data.Shape.Select(n => new[] { n }).ToArray());
        var array = (ArrayClient)await CreateAsync(key, "array", metadata, [WritableSource("array", structure)], ct);
        await array.WriteAsync(data, ct: ct);
        return array;
    }

    /// <summary>Creates an array child with the given structure, leaving its values zero until written.</summary>
    public async Task<ArrayClient> CreateArrayAsync(string? key, Tiled.Formats.DataTypes.DataType dataType, long[] shape, long[][] chunks,
        JsonObject? metadata = null, CancellationToken ct = default) =>
        (ArrayClient)await CreateAsync(key, "array", metadata, [WritableSource("array", ArrayStructureJson.For(dataType, shape, chunks))], ct);

    /// <summary>
    /// Creates a one-partition table child with <paramref name="frame"/>'s schema and writes its rows,
    /// as Python's <c>write_table</c> (<c>write_dataframe</c>): POST the structure, then PUT the Arrow file.
    /// </summary>
    public async Task<TableClient> WriteTableAsync(TableFrame frame, string? key = null, JsonObject? metadata = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var table = (TableClient)await CreateAsync(key, "table", metadata,
            [WritableSource("table", TableStructureJson.For(frame.Schema, 1))], ct);
        await table.WriteAsync(frame, ct);
        return table;
    }

    /// <summary>
    /// Creates an empty table child meant to grow by appends (Python's <c>create_appendable_table</c>,
    /// mimetype <c>application/x-tiled-sql-table</c>); partitions read as empty until appended to.
    /// </summary>
    public async Task<TableClient> CreateAppendableTableAsync(Tiled.Formats.Arrow.ArrowSchema schema, string? key = null, int npartitions = 1,
        JsonObject? metadata = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var source = WritableSource("table", TableStructureJson.For(schema, npartitions));
        source["mimetype"] = "application/x-tiled-sql-table";
        return (TableClient)await CreateAsync(key, "table", metadata, [source], ct);
    }

    /// <summary>
    /// Creates a child with explicit data sources (Python's <c>new</c>). Data sources with assets are
    /// registered (<c>POST /register</c>) as the Python client does; others get server-made storage.
    /// </summary>
    public async Task<NodeClient> NewAsync(string structureFamily, IReadOnlyList<DataSourceSpec> dataSources, string? key = null,
        JsonObject? metadata = null, CancellationToken ct = default)
    {
        var register = dataSources.Any(d => d.Assets is { Count: > 0 });
        return await CreateAsync(key, structureFamily, metadata, dataSources.Select(d => (JsonNode?)d.ToJson()).ToArray(), ct,
            register ? $"{Context.ApiBase}/register/{string.Join('/', Path)}" : null);
    }

    /// <summary>A subscription to this container's children (not yet started).</summary>
    public Streaming.ContainerSubscription Subscribe() => new(this);

    /// <summary>
    /// Opens one WebSocket that can carry many subscriptions (<c>/api/v1/stream/multi</c>); start
    /// subscriptions on it with <c>subscription.StartAsync(session, start)</c>.
    /// </summary>
    public Task<Streaming.StreamSession> OpenStreamSessionAsync(CancellationToken ct = default) =>
        Streaming.StreamSession.ConnectAsync(Context, ct);

    private string Url(long offset, int limit) =>
        $"{SearchLink}?{string.Join('&', FilterParameters().Concat(SortParameters()).Append($"page[offset]={offset}&page[limit]={limit}"))}";

    private IEnumerable<string> FilterParameters() =>
        _queries.SelectMany(q => q.Fields().Select(f =>
            $"{Uri.EscapeDataString($"filter[{q.Name}][condition][{f.Field}]")}={Uri.EscapeDataString(f.Value)}"));

    private IEnumerable<string> SortParameters() =>
        _sorting.Select(s => $"sort={(s.Direction < 0 ? "-" : "")}{Uri.EscapeDataString(s.Key)}");

    private string SearchLink => Item["links"]?["search"]?.GetValue<string>() ?? $"{Context.ApiBase}/search/{string.Join('/', Path)}";

    private async Task<NodeClient> CreateAsync(string? key, string family, JsonObject? metadata, JsonNode?[] dataSources, CancellationToken ct,
        string? url = null)
    {
        var body = new JsonObject
        {
            ["metadata"] = metadata?.DeepClone() ?? new JsonObject(),
            ["structure_family"] = family,
            ["specs"] = new JsonArray(),
            ["data_sources"] = new JsonArray(dataSources),
            ["access_blob"] = new JsonObject(),
        };
        if (key is not null)
        {
            body["id"] = key;
        }

        var created = await Context.SendJsonAsync(HttpMethod.Post, url ?? SelfLink, body, ct) as JsonObject
            ?? throw new InvalidOperationException("The server sent no creation result.");
        var structure = family == "container"
            ? new JsonObject { ["contents"] = null, ["count"] = 0 }
            : (dataSources[0]?["structure"] ?? created["data_sources"]?[0]?["structure"])?.DeepClone();
        var item = new JsonObject
        {
            ["id"] = created["id"]?.DeepClone(),
            ["attributes"] = new JsonObject
            {
                ["ancestors"] = new JsonArray(Path.Select(p => (JsonNode?)p).ToArray()),
                ["structure_family"] = family,
                ["specs"] = new JsonArray(),
                ["metadata"] = metadata?.DeepClone() ?? new JsonObject(),
                ["structure"] = structure,
                ["data_sources"] = created["data_sources"]?.DeepClone(),
            },
            ["links"] = created["links"]?.DeepClone(),
        };
        return FromItem(Context, item);
    }

    private static JsonObject WritableSource(string family, JsonObject structure) => new()
    {
        ["structure_family"] = family,
        ["structure"] = structure,
        ["id"] = null,
        ["mimetype"] = null,
        ["parameters"] = new JsonObject(),
        ["properties"] = new JsonObject(),
        ["assets"] = new JsonArray(),
        ["management"] = "writable",
    };

    public override string ToString() => $"<Container /{string.Join('/', Path)}>";
}
