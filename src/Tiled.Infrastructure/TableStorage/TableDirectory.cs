using System.Buffers.Binary;
using System.Text;

namespace Tiled.Infrastructure.TableStorage;

/// <summary>
/// The layout of one table's directory: a marker file that says the directory is ours (so a wrong
/// data URI never deletes anything else) and one Arrow IPC file per written partition.
/// </summary>
internal static class TableDirectory
{
    public const string MarkerFileName = ".tiled-table";

    public static readonly byte[] Marker = Encoding.UTF8.GetBytes("{\"format\": \"application/vnd.apache.arrow.file\", \"layout\": \"partition-{i}.arrow\"}\n");

    public static string PartitionPath(string directory, int partition) => Path.Combine(directory, $"partition-{partition}.arrow");

    public static bool IsTable(string directory) => File.Exists(Path.Combine(directory, MarkerFileName));

    /// <summary>
    /// The bytes of the schema message right after the file magic (how <c>ArrowFileWriter</c> lays
    /// out every partition we store), or null when the file does not start that way.
    /// </summary>
    public static async Task<byte[]?> ReadLeadingSchemaMessageAsync(Stream file, CancellationToken ct)
    {
        const int magicLength = 8;
        var prefix = new byte[8];
        file.Seek(magicLength, SeekOrigin.Begin);
        if (await file.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, ct) < prefix.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(prefix) != 0xFFFFFFFF)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(4));
        if (length <= 0 || length > file.Length - magicLength - prefix.Length)
        {
            return null;
        }

        var message = new byte[prefix.Length + length];
        prefix.CopyTo(message, 0);
        await file.ReadExactlyAsync(message.AsMemory(prefix.Length), ct);
        return message;
    }
}
