using System.Net;
using System.Net.Sockets;

namespace Tiled.Bench.Target;

internal static class FreePort
{
    /// <summary>A loopback port that was free a moment ago (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
