using System.Text.Json.Nodes;
using Tiled.Domain.DataSources;
using Tiled.Domain.Nodes;
using Tiled.Infrastructure.ExternalArrays;

namespace Tiled.UnitTests.Infrastructure.ExternalArrays;

/// <summary>
/// A temporary directory with an allowed root (<see cref="Root"/>) and a sibling outside it
/// (<see cref="Outside"/>), and a reader confined to the root. Removed on dispose.
/// </summary>
internal sealed class ExternalFixture : IDisposable
{
    public ExternalFixture()
    {
        // Resolved, so that paths compare equal to what the policy returns even where the temp directory is a link.
        TempPath = Path.Combine(RealPath.Resolve(Path.GetTempPath()), "tiled-external-tests-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(TempPath, "data");
        Outside = Path.Combine(TempPath, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
        Policy = new ExternalPathPolicy([Root]);
        Reader = new ExternalArrayReader(Policy);
    }

    public string TempPath { get; }

    public string Root { get; }

    public string Outside { get; }

    public ExternalPathPolicy Policy { get; }

    public ExternalArrayReader Reader { get; }

    public void Dispose()
    {
        if (Directory.Exists(TempPath))
        {
            Directory.Delete(TempPath, recursive: true);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="name"/> under the root and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Root);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Uri(string path) => "file://localhost" + path;

    /// <summary>An external data source of one asset per path (numbered in order when there are several).</summary>
    public static DataSource Source(string mimetype, JsonObject? parameters, params string[] paths) =>
        new(null, StructureFamily.Array, null, mimetype, parameters ?? [], [], Management.External,
            paths.Select((p, i) => new Asset(null, Uri(p), Directory.Exists(p), paths.Length == 1 ? "data_uri" : "data_uris",
                paths.Length == 1 ? null : i)).ToList());
}
