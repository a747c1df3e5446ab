using System.Net;
using System.Net.Sockets;

namespace PartnerBot.EndToEnd.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>
    /// A loopback port nobody listens on right now. The playground has no "port 0": given a taken port it
    /// silently moves elsewhere, so it gets one picked here (and its "Listening on" line is checked).
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
