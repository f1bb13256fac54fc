using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;

namespace Tiled.Api.Cli;

/// <summary>Checks of <c>--host</c> and <c>--port</c> (and <c>uvicorn.host</c>/<c>port</c>), each failure one line naming the option.</summary>
internal static class ListenAddress
{
    private const string PortRange = "give a number from 1 to 65535 (0 picks a free port)";

    /// <summary><paramref name="host"/> when it is an IP address or <c>localhost</c>; Kestrel would bind every interface for anything else.</summary>
    public static string Host(string host, string option)
    {
        var trimmed = host.Trim('[', ']');
        var ipv4Dotted = trimmed.Contains(':', StringComparison.Ordinal) || trimmed.Count(c => c == '.') == 3;
        if (trimmed == "localhost" || (ipv4Dotted && IPAddress.TryParse(trimmed, out _)))
        {
            return trimmed;
        }

        throw new CommandLineException(
            $"{option} '{host}' is not an IP address: give an address of this machine, such as 127.0.0.1, 0.0.0.0 (every interface), ::1 or localhost.");
    }

    public static int Port(int port, string option) =>
        port is >= 0 and <= 65535 ? port : throw new CommandLineException($"{option} {port} is out of range: {PortRange}.");

    /// <summary>System.CommandLine parser of <c>--port</c>: a clear error instead of a .NET type name.</summary>
    public static int? ParsePort(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return port;
        }

        result.AddError($"--port '{text}' is not a port: {PortRange}.");
        return null;
    }
}
