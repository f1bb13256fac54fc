using System.Diagnostics;
using FluentAssertions;
using Tiled.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tiled.IntegrationTests.Streaming;

/// <summary>
/// Runs the shared wire smoke check (<c>shared/tools/wire_smoke.py</c>: the seed's happy path driven
/// exactly as Tiled's Python client drives it) against the real server, with each stream cache.
/// </summary>
public abstract class WireSmokeTests<TServer>(TServer server, ITestOutputHelper output) : IClassFixture<TServer>
    where TServer : TiledServerFixture
{
    [Fact]
    public async Task Wire_smoke_check_passes_every_check()
    {
        if (server.UnavailableReason is not null) { return; }
        var script = Path.Combine(RepositoryPaths.Root(), "..", "shared", "tools", "wire_smoke.py");
        if (!File.Exists(script))
        {
            Environment.GetEnvironmentVariable("CI").Should().BeNullOrEmpty($"{script} must exist in CI");
            output.WriteLine($"Skipping: {script} is not beside the repository.");
            return;
        }

        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(server.BaseUrl);
        start.ArgumentList.Add(TiledServerFixture.ApiKey);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);

        process.ExitCode.Should().Be(0, await stdout + await stderr);
        (await stdout).Should().MatchRegex(@"(\d+)/\1 wire smoke checks pass");
    }
}

public sealed class MemoryCacheWireSmokeTests(SqliteServer server, ITestOutputHelper output) : WireSmokeTests<SqliteServer>(server, output);

public sealed class RedisCacheWireSmokeTests(PostgresRedisServer server, ITestOutputHelper output) : WireSmokeTests<PostgresRedisServer>(server, output);
