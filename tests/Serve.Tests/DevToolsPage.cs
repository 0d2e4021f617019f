using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MusicPile.Serve.Tests;

/// <summary>A headless Chromium with one page, driven over the Chrome DevTools Protocol.</summary>
internal sealed class DevToolsPage : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private DevToolsPage(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<DevToolsPage> LaunchAsync(CancellationToken cancellationToken)
    {
        var profile = TestPaths.NewTempDir("serve-chromium");
        var start = new ProcessStartInfo(ChromiumPath) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var page = new DevToolsPage(process, profile);
        try
        {
            string? browserUrl = null;
            while (browserUrl is null && await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
            {
                var at = line.IndexOf("ws://", StringComparison.Ordinal);
                if (line.StartsWith("DevTools listening on", StringComparison.Ordinal) && at >= 0) browserUrl = line[at..].Trim();
            }
            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var port = new Uri(browserUrl ?? throw new InvalidOperationException("chromium printed no DevTools address")).Port;
            using var http = new HttpClient();
            string? pageUrl = null;
            for (var i = 0; i < 100 && pageUrl is null; i++)
            {
                var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list", cancellationToken))!.AsArray();
                pageUrl = targets.FirstOrDefault(t => (string?)t!["type"] == "page")?["webSocketDebuggerUrl"]?.GetValue<string>();
                if (pageUrl is null) await Task.Delay(100, cancellationToken);
            }
            await page._socket.ConnectAsync(new Uri(pageUrl ?? throw new InvalidOperationException("no page target")), cancellationToken);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends one command and returns its <c>result</c>, skipping events.</summary>
    public async Task<JsonNode> SendAsync(string method, object? parameters, CancellationToken cancellationToken)
    {
        var id = ++_nextId;
        var message = JsonSerializer.Serialize(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, cancellationToken);
        var buffer = new byte[1 << 16];
        for (;;)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer, cancellationToken);
                text.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!;
            if ((int?)reply["id"] != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    /// <summary>Evaluates a JavaScript expression (awaiting promises) and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true }, cancellationToken);
        if (result["exceptionDetails"] is { } exception) throw new InvalidOperationException("page script failed: " + exception.ToJsonString());
        return result["result"]?["value"];
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile; a leftover temp folder is harmless.
        }
    }
}
