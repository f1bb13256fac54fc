using FluentAssertions;
using Tiled.UnitTests.TestKit;
using Xunit;

namespace Tiled.UnitTests.Architecture;

/// <summary>
/// The API project uses Infrastructure only where it composes the server: endpoints, transports and
/// streaming talk to the Application's ports, never to an adapter (issue #15).
/// </summary>
public sealed class ApiCompositionRootTests
{
    /// <summary>Composition roots: the server host, the command line's admin services, and the health probes' wiring.</summary>
    private static readonly string[] CompositionRoots =
    [
        "Hosting/TiledServer.cs",
        "Cli/AdminServices.cs",
        "Operations/HealthEndpoints.cs",
    ];

    [Fact]
    public void Only_the_composition_roots_of_the_api_reference_infrastructure()
    {
        var api = Path.Combine(SourcePaths.Src, "Tiled.Api");
        var offenders = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(l => l.Contains("Tiled.Infrastructure", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(api, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Except(CompositionRoots)
            .ToList();

        offenders.Should().BeEmpty("only {0} may use Infrastructure", string.Join(", ", CompositionRoots));
    }
}
