using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;

namespace Tiled.IntegrationTests.Readme;

/// <summary>
/// The README's quick start, as written (issue #17): its curl calls and its .NET program run
/// against a live server, and the program's output is the one the README shows. The .NET block
/// must be the text of <c>examples/QuickStart/Program.cs</c>, the program this test runs, so the
/// README and what is tested cannot drift apart.
/// </summary>
public sealed class ReadmeExampleTests(SqliteServer server) : IClassFixture<SqliteServer>
{
    private const string DefaultServer = "http://127.0.0.1:8000";

    [Fact]
    public async Task Issue_17_the_readmes_dotnet_example_is_the_quickstart_program()
    {
        var program = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root(), "examples", "QuickStart", "Program.cs"));

        (await BlockAfterAsync("<!-- README test: dotnet (")).Should().Be(program.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task Issue_17_the_readmes_dotnet_example_prints_what_the_readme_says()
    {
        if (server.UnavailableReason is not null) { return; }

        var (code, output, error) = await ChildProcess.RunAsync("dotnet", Path.Combine(AppContext.BaseDirectory, "quickstart.dll"), server.BaseUrl,
            TiledServerFixture.ApiKey);

        code.Should().Be(0, error);
        output.Should().Be(await BlockAfterAsync("<!-- README test: dotnet output -->"));
    }

    [Fact]
    public async Task Issue_17_the_readmes_curl_calls_create_write_and_read_an_array()
    {
        if (server.UnavailableReason is not null) { return; }
        var script = await BlockAfterAsync("<!-- README test: shell");
        script.Should().Contain(DefaultServer);

        var (code, output, error) = await ChildProcess.RunAsync("bash", "-e", "-c", script.Replace(DefaultServer, server.BaseUrl, StringComparison.Ordinal));

        code.Should().Be(0, error);
        output.Should().StartWith("{\"id\":\"x\"").And.EndWith("[1,2,3]");
    }

    /// <summary>The fenced block that follows the line starting with <paramref name="marker"/> in README.md.</summary>
    private static async Task<string> BlockAfterAsync(string marker)
    {
        var lines = (await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root(), "README.md"))).ToList();
        var at = lines.FindIndex(l => l.StartsWith(marker, StringComparison.Ordinal));
        at.Should().BeGreaterThanOrEqualTo(0, $"README.md has the marker {marker}");
        var open = lines.FindIndex(at, l => l.StartsWith("```", StringComparison.Ordinal));
        var close = lines.FindIndex(open + 1, l => l == "```");
        return string.Join('\n', lines.Skip(open + 1).Take(close - open - 1)).TrimEnd();
    }
}
