using System.Net;
using System.Net.Sockets;
using System.Text;

using Fanout.Processes;
using Fanout.TestSupport;

using Xunit;

namespace Fanout.Reporting.Tests;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c> package) pointed at a proxy on 127.0.0.1 that this
/// class runs: every request the browser makes lands there, is recorded and refused, and nothing
/// leaves the machine.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public static readonly string? Executable = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private readonly TcpListener _proxy = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];
    private readonly List<Task> _handlers = [];
    private readonly TempDirectory _profile = new("fanout-chromium");
    private readonly Task _accepting;

    public Chromium()
    {
        _proxy.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The first line of every request the browser sent, e.g. <c>GET http://host/path HTTP/1.1</c> or <c>CONNECT host:443 HTTP/1.1</c>.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public async Task<string> DumpDomAsync(string file) => (await RunAsync("--dump-dom", new Uri(file).AbsoluteUri)).StandardOutput;

    public async Task ScreenshotAsync(string file, string png, int width, int height) =>
        await RunAsync($"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars", new Uri(file).AbsoluteUri);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _proxy.Stop();
        await _accepting;
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
        _stop.Dispose();
        _profile.Dispose();
    }

    private async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        var port = ((IPEndPoint)_proxy.LocalEndpoint).Port;
        string[] flags =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--no-default-browser-check", $"--user-data-dir={_profile.Path}",
            $"--proxy-server=http://127.0.0.1:{port}", "--proxy-bypass-list=<-loopback>",
        ];
        var result = await ProcessRunner.Instance.RunAsync(new ProcessSpec(Executable!, [.. flags, .. arguments]) { Timeout = TimeSpan.FromMinutes(2) }, CancellationToken.None);
        return result.EnsureSuccess();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _proxy.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_handlers)
            {
                _handlers.Add(RefuseAsync(client));
            }
        }
    }

    // Each connection on its own: the browser may open one and send nothing on it for a while.
    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                var read = await stream.ReadAsync(buffer, timeout.Token);
                lock (_requests)
                {
                    _requests.Add(Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0]);
                }

                await stream.WriteAsync("HTTP/1.1 502 Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The browser gave up on the connection, or the test is over.
            }
        }
    }
}

/// <summary>A test that needs headless Chromium; skipped, saying why, where it is not installed (CI installs it).</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "Chromium is not installed (no /usr/bin/chromium): install Debian's chromium package (.ci/run does) to check the HTML report in a browser";
        }
    }
}
