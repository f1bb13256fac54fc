using System.Text;

namespace Tiled.Infrastructure.TableStorage;

/// <summary>
/// The layout of one table's directory: a marker file that says the directory is ours (so a wrong
/// data URI never deletes anything else) and one Arrow IPC stream per written partition.
/// </summary>
internal static class TableDirectory
{
    public const string MarkerFileName = ".tiled-table";

    public static readonly byte[] Marker = Encoding.UTF8.GetBytes("{\"format\": \"application/vnd.apache.arrow.stream\", \"layout\": \"partition-{i}.arrow\"}\n");

    public static string PartitionPath(string directory, int partition) => Path.Combine(directory, $"partition-{partition}.arrow");

    public static bool IsTable(string directory) => File.Exists(Path.Combine(directory, MarkerFileName));
}
