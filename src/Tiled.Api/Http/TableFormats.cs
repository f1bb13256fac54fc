using Tiled.Application.Tables;

namespace Tiled.Api.Http;

/// <summary>
/// Which representation of table data a client gets (protocol §7): <c>format</c> wins over
/// <c>Accept</c>; the Arrow IPC file format is the default, also for <c>*/*</c>.
/// </summary>
internal static class TableFormats
{
    public const string Json = "application/json";
    public const string Csv = "text/csv";

    /// <summary>What a read can answer with, the default first.</summary>
    public static readonly string[] Served = [TableMediaTypes.ArrowFile, TableMediaTypes.ArrowStream, TableMediaTypes.Parquet, Json, Csv];

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [TableMediaTypes.ArrowFile] = TableMediaTypes.ArrowFile,
        [TableMediaTypes.ArrowStream] = TableMediaTypes.ArrowStream,
        [TableMediaTypes.Parquet] = TableMediaTypes.Parquet,
        [Json] = Json,
        [Csv] = Csv,
        ["text/plain"] = Csv,
        ["text/x-comma-separated-values"] = Csv,
        ["application/vnd.ms-excel"] = Csv,
        ["*/*"] = TableMediaTypes.ArrowFile,
        ["application/*"] = TableMediaTypes.ArrowFile,
        ["arrow"] = TableMediaTypes.ArrowFile,
        ["feather"] = TableMediaTypes.ArrowFile,
        ["parquet"] = TableMediaTypes.Parquet,
        ["json"] = Json,
        ["csv"] = Csv,
    };

    public static string Choose(string? format, string? accept)
    {
        var requested = !string.IsNullOrEmpty(format) ? format : accept;
        if (string.IsNullOrWhiteSpace(requested))
        {
            return TableMediaTypes.ArrowFile;
        }

        foreach (var item in requested.Split(','))
        {
            if (Known.TryGetValue(item.Split(';')[0].Trim(), out var chosen))
            {
                return chosen;
            }
        }

        throw new NotAcceptableException(
            $"None of the media types requested by the client are supported. Supported: {TableMediaTypes.ArrowFile}, " +
            $"{TableMediaTypes.ArrowStream}, {Csv}, {Json} (format=arrow, feather, csv, json). Requested: {requested}.");
    }
}
