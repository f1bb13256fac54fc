using System.Text.Json.Nodes;

namespace Tiled.Client;

/// <summary>A file behind a data source: a <c>file://</c> URI, whether it is a directory, its parameter name and its position in a sequence.</summary>
public sealed record AssetSpec(string DataUri, bool IsDirectory = false, string? Parameter = "data_uri", int? Num = null)
{
    /// <summary>An asset for a local file path (made absolute).</summary>
    public static AssetSpec File(string path, string? parameter = "data_uri", int? num = null) =>
        new(new Uri(Path.GetFullPath(path)).AbsoluteUri, false, parameter, num);

    internal JsonObject ToJson() => new()
    {
        ["data_uri"] = DataUri,
        ["is_directory"] = IsDirectory,
        ["parameter"] = Parameter,
        ["num"] = Num,
        ["id"] = null,
        ["size"] = null,
    };
}
