using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tiled.IntegrationTests.Hostile;

/// <summary>
/// A PostgreSQL cluster and a Redis server of the test's own (never the shared ones), which the
/// test stops, starts, freezes (SIGSTOP) and thaws (SIGCONT). PostgreSQL is made with initdb and
/// run by pg_ctl as the <c>postgres</c> user, as <c>scripts/services.sh</c> does.
/// </summary>
public sealed class PrivateServices : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _pgBin;
    private Process? _redis;

    private PrivateServices(string directory, string pgBin, bool smallDataDisk)
    {
        _directory = directory;
        _pgBin = pgBin;
        DataDisk = smallDataDisk ? Path.Combine(directory, "disk") : null;
    }

    public int PostgresPort { get; } = FreePort();

    public int RedisPort { get; } = FreePort();

    public string PostgresUri => $"postgresql://postgres@127.0.0.1:{PostgresPort}/postgres";

    public string RedisUri => $"redis://127.0.0.1:{RedisPort}";

    /// <summary>The tmpfs PostgreSQL's data directory is on, when started with a data disk size.</summary>
    public string? DataDisk { get; }

    private string PgData => Path.Combine(DataDisk ?? _directory, "pg");

    /// <summary>
    /// Null (with the reason) when there is no PostgreSQL or Redis to run, or no root to run them as postgres.
    /// With <paramref name="dataDiskSize"/> (e.g. <c>48m</c>) PostgreSQL's data directory is on a tmpfs of
    /// that size (1 MiB WAL segments), for a test to fill; the reason then starts "cannot mount" where that is impossible.
    /// </summary>
    public static async Task<(PrivateServices? Services, string? Reason)> StartAsync(string? dataDiskSize = null)
    {
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (initdb is null || !File.Exists("/usr/bin/redis-server") || Environment.UserName != "root")
        {
            return (null, "needs PostgreSQL's initdb, redis-server and root");
        }

        var directory = Directory.CreateTempSubdirectory("tiled-faults-").FullName;
        var services = new PrivateServices(directory, Path.GetDirectoryName(initdb)!, dataDiskSize is not null);
        if (services.DataDisk is not null && await Tmpfs.MountAsync(services.DataDisk, dataDiskSize!) is { } cannot)
        {
            Directory.Delete(directory, recursive: true);
            return (null, cannot);
        }

        await RunAsync("chown", "-R", "postgres", directory);
        await services.AsPostgresAsync($"{services._pgBin}/initdb -D {services.PgData} -A trust -U postgres"
            + (services.DataDisk is null ? "" : " --wal-segsize=1"));
        await services.StartPostgresAsync();
        await services.StartRedisAsync();
        return (services, null);
    }

    public Task StartPostgresAsync() => AsPostgresAsync(
        $"{_pgBin}/pg_ctl -D {PgData} -l {_directory}/pg.log -w start -o '-p {PostgresPort} -k {PgData} -c listen_addresses=127.0.0.1 -c fsync=off'");

    public Task StopPostgresAsync() => AsPostgresAsync($"{_pgBin}/pg_ctl -D {PgData} -m immediate -w stop");

    /// <summary>Starts PostgreSQL unless it runs (it stops itself when it cannot write its WAL).</summary>
    public async Task EnsurePostgresAsync()
    {
        try
        {
            await AsPostgresAsync($"{_pgBin}/pg_ctl -D {PgData} status");
        }
        catch (InvalidOperationException)
        {
            await StartPostgresAsync();
        }
    }

    /// <summary>SIGSTOP (or SIGCONT) to the postmaster and every backend: connections hang, nothing is refused.</summary>
    public async Task SignalPostgresAsync(string signal)
    {
        var postmaster = File.ReadLines(Path.Combine(PgData, "postmaster.pid")).First().Trim();
        await RunAsync("pkill", $"-{signal}", "-P", postmaster);
        await RunAsync("kill", $"-{signal}", postmaster);
    }

    public async Task StartRedisAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true };
        foreach (var argument in new[] { "--port", RedisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _redis = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        await WaitForPortAsync(RedisPort);
    }

    public void StopRedis()
    {
        _redis?.Kill();
        _redis?.WaitForExit();
        _redis?.Dispose();
        _redis = null;
    }

    public Task SignalRedisAsync(string signal) => RunAsync("kill", $"-{signal}", _redis!.Id.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await SignalRedisAsync("CONT");
        }

        StopRedis();
        try
        {
            await SignalPostgresAsync("CONT");
        }
        catch (IOException)
        {
            // Not running.
        }

        try
        {
            await StopPostgresAsync();
        }
        catch (InvalidOperationException)
        {
            // It stopped itself (a full data disk).
        }

        if (DataDisk is not null)
        {
            await Tmpfs.UnmountAsync(DataDisk);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task AsPostgresAsync(string command) => RunAsync("su", "postgres", "-c", command);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && program is not ("pkill" or "kill"))
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await output}{await error}");
        }
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"Nothing listened on port {port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
