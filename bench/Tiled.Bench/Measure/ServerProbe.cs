using System.Globalization;

namespace Tiled.Bench.Measure;

/// <summary>Reads a process's resident set (VmRSS of /proc/PID/status) and CPU time (utime + stime of /proc/PID/stat).</summary>
internal static class ServerProbe
{
    // USER_HZ: the unit of utime/stime; 100 on every Linux we run on.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>Resident set in MiB, or null when the process is gone or not on Linux.</summary>
    public static double? RssMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>User + system CPU seconds used so far, or null when unreadable.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may contain spaces) start at field 3 (state); utime is 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Bytes received on the loopback interface so far (/proc/net/dev), or null: what went over the wire on one machine.</summary>
    public static long? LoopbackBytes()
    {
        try
        {
            var line = File.ReadLines("/proc/net/dev").Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("lo:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The machine's 1-minute load average (/proc/loadavg), or null.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
