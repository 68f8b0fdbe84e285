using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// Every notebook in the web app (src/Autodiff.Web), opened with <c>?run=all</c> in headless Chromium: the page
/// must end with <c>data-run-status="passed"</c> and print the same ✓ lines as the course runner.
/// Needs the published app: <c>artifacts/web</c> (written by the course command's <c>run</c>) or the folder in
/// <c>AUTODIFF_WEB_DIR</c> (.ci/run publishes one); skipped without it unless <c>COURSE_REQUIRE_WEB=1</c>.
/// </summary>
public sealed class WebNotebooksTests(ITestOutputHelper output)
{
    private static readonly string WebRoot = Environment.GetEnvironmentVariable("AUTODIFF_WEB_DIR")
        ?? Path.Combine(Repo.Root, "artifacts", "web");

    private static bool Available => File.Exists(Path.Combine(WebRoot, "index.html")) && Chromium.Executable is not null;

    private static bool Required => Environment.GetEnvironmentVariable("COURSE_REQUIRE_WEB") == "1";

    [Theory]
    [MemberData(nameof(CourseNotebooksTests.Notebooks), MemberType = typeof(CourseNotebooksTests))]
    public async Task Notebook_PassesRunAll_InTheBrowser_WithTheRunnersClaims(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet) return;
        if (!Available)
        {
            Assert.False(Required, $"COURSE_REQUIRE_WEB=1 but the web app ({WebRoot}) or chromium is missing");
            output.WriteLine($"skipped: no published web app in {WebRoot} or no chromium");
            return;
        }
        var name = Path.GetFileNameWithoutExtension(notebook);

        using var server = new StaticServer([("/", WebRoot)]);
        var page = await Browser.RunAllAsync($"{server.Address}index.html?nb={name}&run=all&limit=600", TimeSpan.FromMinutes(10));
        output.WriteLine($"{name}: {page.Status}, {page.CellsPassed} cells, run all {page.RunSeconds} s, page {page.TotalSeconds:0.0} s");
        output.WriteLine(page.Outputs);
        Assert.True(page.Status == "passed", $"{name} in the browser: data-run-status={page.Status}\n{page.Outputs}");

        var runner = await NotebookRunner.RunAsync(Path.Combine(Repo.Notebooks, notebook), new RunOptions());
        Assert.True(runner.Succeeded, runner.FailureMessage);
        // The target is run all within 3× the runner's time; printed, not asserted (a timing is not a test).
        output.WriteLine($"{name}: runner {runner.Elapsed.TotalSeconds:0.0} s, browser run all {page.RunSeconds} s");
        var expected = Claims(string.Concat(runner.Document.Elements
            .SelectMany(cell => cell.Outputs.OfType<Microsoft.DotNet.Interactive.Documents.TextElement>())
            .Where(text => text.Name == "stdout").Select(text => text.Text + "\n")));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Claims(page.Outputs));
    }

    private static List<string> Claims(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith('✓')).ToList();

    /// <summary>Headless Chromium driven over the DevTools protocol (a WebSocket), with no npm package.</summary>
    private static class Browser
    {
        public sealed record Page(string? Status, string? CellsPassed, string? RunSeconds, double TotalSeconds, string Outputs);

        public static async Task<Page> RunAllAsync(string url, TimeSpan limit)
        {
            var profile = Directory.CreateTempSubdirectory("web-test-");
            var start = new ProcessStartInfo(Chromium.Executable!)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank" })
            {
                start.ArgumentList.Add(argument);
            }
            using var chromium = Process.Start(start)!;
            chromium.ErrorDataReceived += (_, _) => { };
            chromium.OutputDataReceived += (_, _) => { };
            chromium.BeginErrorReadLine();
            chromium.BeginOutputReadLine();
            try
            {
                var portFile = Path.Combine(profile.FullName, "DevToolsActivePort");
                var waited = Stopwatch.StartNew();
                while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
                {
                    if (waited.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("chromium did not open its DevTools port");
                    await Task.Delay(100);
                }
                var port = (await File.ReadAllLinesAsync(portFile))[0];
                using var http = new HttpClient();
                var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
                var socketUrl = targets.First(t => (string?)t!["type"] == "page")!["webSocketDebuggerUrl"]!.GetValue<string>();
                using var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri(socketUrl), CancellationToken.None);
                var devtools = new DevTools(socket);

                var clock = Stopwatch.StartNew();
                await devtools.SendAsync("Page.navigate", new JsonObject { ["url"] = url });
                string? status = null;
                while (clock.Elapsed < limit)
                {
                    await Task.Delay(250);
                    status = await devtools.EvaluateAsync("document.body ? (document.body.dataset.runStatus || '') : ''");
                    if (status is "passed" or "failed") break;
                }
                return new Page(status,
                    await devtools.EvaluateAsync("document.body.dataset.cellsPassed || ''"),
                    await devtools.EvaluateAsync("document.body.dataset.runSeconds || ''"),
                    clock.Elapsed.TotalSeconds,
                    await devtools.EvaluateAsync("Array.from(document.querySelectorAll('pre.output')).map(e => e.textContent).join('\\n')") ?? "");
            }
            finally
            {
                chromium.Kill(entireProcessTree: true);
                await chromium.WaitForExitAsync();
                try { profile.Delete(recursive: true); } catch (IOException) { }
            }
        }
    }

    private sealed class DevTools(ClientWebSocket socket)
    {
        private int next;

        public async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
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
                    text.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                var reply = JsonNode.Parse(text.ToArray());
                if (reply?["id"]?.GetValue<int>() == id) return reply;
            }
        }

        public async Task<string?> EvaluateAsync(string expression)
        {
            var reply = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
            var value = reply?["result"]?["result"]?["value"];
            return value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
        }
    }
}
