using System.Net;
using System.Net.Sockets;

namespace Fanout.Simulation;

/// <summary>An <see cref="HttpListener"/> on a free 127.0.0.1 port: simulations and tests talk to no other host.</summary>
public static class LocalListener
{
    public static (HttpListener Listener, Uri Address) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var address = new Uri($"http://127.0.0.1:{port}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(address.ToString());
            try
            {
                listener.Start();
                return (listener, address);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another process took the port between the probe and the start.
                listener.Close();
            }
        }
    }

    /// <summary>The next request, or null once the listener has been stopped or closed: the end of an accept loop.</summary>
    public static async Task<HttpListenerContext?> NextAsync(HttpListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        try
        {
            return await listener.GetContextAsync();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            return null;
        }
    }
}
