using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Tiled.Bench.Target;

/// <summary>
/// The server under test as a child process (<c>dotnet tiled.dll serve catalog ...</c>), so that what
/// is measured is the real server and its RSS can be read from /proc. Its output is drained (a full
/// pipe would stall it), counted, and its last lines kept for error reports.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly StreamWriter? _log;
    private readonly Lock _gate = new();
    private long _lines;

    private ServerProcess(Process process, StreamWriter? log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    /// <summary>Lines the server has written to stdout and stderr so far (one per request at the default log level).</summary>
    public long LinesLogged => Interlocked.Read(ref _lines);

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string dll, IReadOnlyList<string> arguments, string? logPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, log);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>GET /api/v1/</c> until it answers 200; fails with the server's last lines if it exits or times out.</summary>
    public async Task WaitUntilReadyAsync(Uri baseUrl, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "api/v1/"), ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Slow first request (JIT); try again.
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"The server did not answer within {timeout.TotalSeconds:0} s:\n{LastLines()}");
    }

    public string LastLines()
    {
        lock (_gate)
        {
            return string.Join('\n', _lastLines);
        }
    }

    /// <summary>SIGTERM (the server deletes its --temp directory on a clean stop), then a kill after 10 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_gate)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }

            _log?.WriteLine(line);
        }
    }

    // LibraryImport would need unsafe code; this blittable call does not.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
