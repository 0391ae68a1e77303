using System.Net;
using System.Net.Sockets;

namespace Bot.Tests.Support;

/// <summary>
/// An HttpListener on a free 127.0.0.1 port, for the fake APIs. A free port is found by binding port 0 and letting go,
/// and another socket can take it before the listener binds it (the bot's own client connections draw from the same
/// range), so binding retries on a fresh port instead of failing the test with "Address already in use".
/// </summary>
internal static class LoopbackListener
{
    private const int Attempts = 20;

    public static HttpListener Start(out int port)
    {
        for (int attempt = 1; ; attempt++)
        {
            port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return listener;
            }
            catch (HttpListenerException) when (attempt < Attempts)
            {
                listener.Close();
            }
        }
    }

    /// <summary>
    /// Hands each request to <paramref name="handle"/> on its own task until the listener is stopped: the fake servers'
    /// one accept loop.
    /// </summary>
    public static async Task AcceptAsync(HttpListener listener, Func<HttpListenerContext, Task> handle)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => handle(context));
        }
    }

    /// <summary>
    /// Stops the listener and lets its port go, once. Not Stop() and then Close(): on Unix both remove the listener from
    /// the endpoint table, and the second removal binds the port again to look for it, failing the test's clean-up with
    /// "Address already in use" when another socket took the port in between (seen in CI).
    /// </summary>
    public static void Close(HttpListener listener) => listener.Close();

    /// <summary>A whole reply: status, content type, length, body; then the response is closed.</summary>
    public static async Task WriteAsync(HttpListenerContext context, int status, string body, string contentType = "application/json")
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary>A loopback port nothing listens on (just now).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
