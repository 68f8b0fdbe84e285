using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autodiff.Course.Tests;

/// <summary>
/// One headless Chromium, driven over the DevTools protocol (HTTP for tabs, a WebSocket per tab), with no npm
/// package. Tabs run side by side, each in its own renderer process. The browser reaches 127.0.0.1 only.
/// </summary>
internal sealed class HeadlessBrowser : IAsyncDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo profile;
    private readonly HttpClient http = new();
    private readonly string port;

    private HeadlessBrowser(Process process, DirectoryInfo profile, string port)
    {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    public static async Task<HeadlessBrowser> StartAsync()
    {
        var executable = Chromium.Executable ?? throw new InvalidOperationException(
            "chromium is required but not on PATH: apt-get install -y --no-install-recommends chromium");
        var profile = Directory.CreateTempSubdirectory("web-test-");
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            // Tabs run side by side: none of them is throttled as a hidden one.
            "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60) || process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not open its DevTools port");
            }
            await Task.Delay(100);
        }
        return new HeadlessBrowser(process, profile, (await File.ReadAllLinesAsync(portFile))[0]);
    }

    /// <summary>Opens a new tab on <paramref name="url"/>; the clock starts before the request.</summary>
    public async Task<BrowserTab> OpenAsync(string url)
    {
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"http://127.0.0.1:{port}/json/new?{Uri.EscapeDataString(url)}");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var target = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(target["webSocketDebuggerUrl"]!.GetValue<string>()), CancellationToken.None);
        var tab = new BrowserTab(socket, clock, () => http.GetAsync($"http://127.0.0.1:{port}/json/close/{target["id"]!.GetValue<string>()}"));
        await tab.EnableCrashReportsAsync();
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await process.WaitForExitAsync();
        process.Dispose();
        http.Dispose();
        try { profile.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A tab: evaluate JavaScript in its page, one command at a time.</summary>
internal sealed class BrowserTab(ClientWebSocket socket, Stopwatch clock, Func<Task> close) : IAsyncDisposable
{
    private int next;

    /// <summary>Set when the tab's renderer crashed (a WebAssembly stack overflow, out of memory).</summary>
    public bool Crashed { get; private set; }

    internal Task EnableCrashReportsAsync() => SendAsync("Inspector.enable", []);

    /// <summary>Time since the tab was asked for.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>The value of a JavaScript expression (awaited if it is a promise), as a string (JSON for non-strings), or null.</summary>
    public async Task<string?> EvaluateAsync(string expression)
    {
        var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        var value = reply?["result"]?["result"]?["value"];
        return value is null ? null : value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
    }

    /// <summary>Polls an expression until it gives a non-empty string; null when <paramref name="limit"/> passes first.</summary>
    public async Task<string?> WaitForAsync(string expression, TimeSpan limit, int pollMilliseconds = 250)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            string? value;
            try
            {
                value = await EvaluateAsync($"(() => {{ try {{ return String(({expression}) ?? ''); }} catch (e) {{ return ''; }} }})()");
            }
            catch (Exception e) when (e is WebSocketException or TabCrashedException)
            {
                Crashed = true;
                return null;
            }
            if (!string.IsNullOrEmpty(value) && value != "null") return value;
            await Task.Delay(pollMilliseconds);
        }
        return null;
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
    {
        var id = ++next;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close) throw new WebSocketException("the tab closed its DevTools connection");
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray());
            if (reply?["id"]?.GetValue<int>() == id) return reply;
            if ((string?)reply?["method"] is "Inspector.targetCrashed" or "Inspector.detached")
            {
                Crashed = true;
                throw new TabCrashedException();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await close(); } catch (HttpRequestException) { }
        socket.Dispose();
    }
}

/// <summary>The tab's renderer process ended.</summary>
internal sealed class TabCrashedException() : Exception("the browser tab crashed");
