using Tiled.Formats.Parquet;

namespace Tiled.Application.Tables;

/// <summary>The media types of table data and table storage.</summary>
public static class TableMediaTypes
{
    /// <summary>Arrow IPC file format, Tiled's media type of record for tables and our storage mimetype.</summary>
    public const string ArrowFile = "application/vnd.apache.arrow.file";

    /// <summary>Arrow IPC stream format.</summary>
    public const string ArrowStream = "application/vnd.apache.arrow.stream";

    /// <summary>Parquet, read and written with Arrow's schema kept as pyarrow keeps it.</summary>
    public const string Parquet = ParquetTables.MediaType;

    /// <summary>What the Python client's <c>create_appendable_table</c> asks for; we store it as Arrow files too.</summary>
    public const string SqlTable = "application/x-tiled-sql-table";

    /// <summary>The media type without parameters, in lower case ("" for none).</summary>
    public static string Essence(string? mediaType) => (mediaType ?? "").Split(';')[0].Trim().ToLowerInvariant();
}
