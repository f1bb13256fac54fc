using System.Text.Json.Nodes;
using Tiled.Formats.Arrow;

namespace Tiled.Client;

/// <summary>
/// A table node: its columns and partitions, reads (whole or one partition, optionally some columns
/// only), whole-table and partition writes, and appends. Data travels as Arrow IPC files.
/// </summary>
public sealed class TableClient : NodeClient
{
    /// <summary>Column lists longer than this go in a POST body instead of the URL, as the Python client does.</summary>
    private const int MaxUrlLength = 2000;

    private const string ArrowFile = "application/vnd.apache.arrow.file";

    internal TableClient(TiledContext context, JsonObject item) : base(context, item)
    {
    }

    private JsonObject Structure => Item["attributes"]?["structure"] as JsonObject ?? [];

    /// <summary>The table's column names (the announced ones, without a pandas index column).</summary>
    public IReadOnlyList<string> Columns => [.. (Structure["columns"] as JsonArray ?? []).Select(c => c?.GetValue<string>() ?? "")];

    /// <summary>Tiled's <c>npartitions</c>.</summary>
    public int NPartitions => Structure["npartitions"]?.GetValue<int>() ?? 1;

    /// <summary>The Arrow schema the table was created with.</summary>
    public ArrowSchema Schema => ArrowSchemaMessage.FromDataUri(Structure["arrow_schema"]?.GetValue<string>() ?? "");

    private string FullLink => Item["links"]?["full"]?.GetValue<string>() ?? $"{Context.ApiBase}/table/full/{string.Join('/', Path)}";

    private string PartitionLink(int partition) =>
        (Item["links"]?["partition"]?.GetValue<string>() ?? $"{Context.ApiBase}/table/partition/{string.Join('/', Path)}?partition={{index}}")
        .Replace("{index}", partition.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Reads every partition, concatenated; with <paramref name="columns"/> only those, in that order.</summary>
    public Task<TableFrame> ReadAsync(IReadOnlyList<string>? columns = null, CancellationToken ct = default) =>
        ReadUrlAsync(FullLink, columns, ct);

    /// <summary>Reads one partition; with <paramref name="columns"/> only those, in that order.</summary>
    public Task<TableFrame> ReadPartitionAsync(int partition, IReadOnlyList<string>? columns = null, CancellationToken ct = default) =>
        ReadUrlAsync(PartitionLink(partition), columns, ct);

    /// <summary>Replaces the whole table (one partition) with <paramref name="frame"/>.</summary>
    public Task WriteAsync(TableFrame frame, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, FullLink, frame, ct);

    /// <summary>Replaces partition <paramref name="partition"/> with <paramref name="frame"/>.</summary>
    public Task WritePartitionAsync(int partition, TableFrame frame, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, PartitionLink(partition), frame, ct);

    /// <summary>Appends the rows of <paramref name="frame"/> to partition <paramref name="partition"/>.</summary>
    public Task AppendPartitionAsync(int partition, TableFrame frame, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Patch, PartitionLink(partition), frame, ct);

    /// <summary>A subscription to this table's new data (not yet started).</summary>
    public Streaming.TableSubscription Subscribe() => new(this);

    /// <summary>Like Python's repr: <c>&lt;TableClient ['a', 'b']&gt;</c>.</summary>
    public override string ToString() => $"<TableClient [{string.Join(", ", Columns.Select(c => $"'{c}'"))}]>";

    private Task SendAsync(HttpMethod method, string url, TableFrame frame, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Context.SendBytesAsync(method, url, frame.ToArrowFile(), ArrowFile, ct);
    }

    private async Task<TableFrame> ReadUrlAsync(string url, IReadOnlyList<string>? columns, CancellationToken ct)
    {
        var query = string.Join('&', (columns ?? []).Select(c => "column=" + Uri.EscapeDataString(c)));
        var target = query.Length == 0 ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        var bytes = target.Length > MaxUrlLength && columns is not null
            ? await Context.PostForBytesAsync(url, new JsonArray([.. columns.Select(c => (JsonNode?)c)]), ArrowFile, ct)
            : await Context.GetBytesAsync(target, ArrowFile, ct);
        return TableFrame.FromArrowFile(bytes);
    }
}
