using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// The web app (src/Autodiff.Web) in headless Chromium: every notebook with <c>?run=all</c> must end with
/// <c>data-run-status="passed"</c> and print the same ✓ lines as the course runner; a reader's edit of notebook
/// 02 runs (the issue's "done when"); a recursion without end stops with a message and the page stays usable.
/// The app is published once for the class (<see cref="WebAppFixture"/>), the notebooks run side by side in tabs
/// of one browser. Skipped only on a machine without chromium, and not under <c>COURSE_REQUIRE_CHROMIUM=1</c>.
/// </summary>
public sealed class WebNotebooksTests(WebAppFixture web, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    [Theory]
    [MemberData(nameof(CourseNotebooksTests.Notebooks), MemberType = typeof(CourseNotebooksTests))]
    public async Task Notebook_PassesRunAll_InTheBrowser_WithTheRunnersClaims(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet || web.SkipReason(output)) return;
        if (!web.Selected(notebook))
        {
            output.WriteLine($"not run: {notebook} is not in {WebAppFixture.SelectionVariable}={Environment.GetEnvironmentVariable(WebAppFixture.SelectionVariable)}");
            return;
        }
        var page = await web.RunAll(notebook);
        output.WriteLine(web.ColdStart);
        output.WriteLine(page.Describe());
        Assert.False(page.Crashed, $"{notebook}: the browser tab crashed during run all\n{page.Outputs}");
        Assert.True(page.Status == "passed", $"{notebook} in the browser: data-run-status={page.Status ?? "(never set)"}\n{page.Outputs}");

        // Nothing was edited: every cell runs from its image compiled when the app was published, so the cells'
        // sources in the app and in the precompiler agree (else Roslyn compiles them, slowly but correctly).
        Assert.True(page.Cells.All(cell => cell.Ahead),
            $"{notebook}: cells compiled by Roslyn in the page, not ahead of time: {string.Join(", ", page.Cells.Where(c => !c.Ahead).Select(c => c.Cell))}");

        var runner = await RunnerRuns.Get(notebook);
        Assert.True(runner.Result.Succeeded, runner.Result.FailureMessage);
        // The issue's target is run all within 3× the runner's time: printed, not asserted (a timing is not a test).
        var runnerSeconds = runner.Result.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{notebook}: runner {runnerSeconds:0.0} s, browser run all {page.RunSeconds:0.0} s ({page.RunSeconds / runnerSeconds:0.0}×)"));
        var expected = Claims(string.Concat(runner.Result.Document.Elements
            .SelectMany(cell => cell.Outputs.OfType<Microsoft.DotNet.Interactive.Documents.TextElement>())
            .Where(text => text.Name == "stdout").Select(text => text.Text + "\n")));
        Assert.NotEmpty(expected);
        // The same claims, word for word, in the same order: a ✓ line carries no measured value (a timing is printed
        // on a line of its own, as notebook 05 does), so the browser's numbers must be the runner's.
        var actual = Claims(page.Outputs);
        foreach (var (runnerLine, browserLine) in expected.Zip(actual).Where(pair => pair.First != pair.Second))
        {
            output.WriteLine($"differs:\n  runner:  {runnerLine}\n  browser: {browserLine}");
        }
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// The issue's "done when": a new user runs the serve verb, opens the printed address, goes to notebook 02,
    /// edits <c>learningRate</c>, presses Run all and sees the new descent (the lesson line, the table and the chart
    /// follow the new rate).
    /// </summary>
    [Fact]
    public async Task NewUser_ServesTheCourse_EditsTheLearningRateOfNotebook02_RunsAll_AndSeesTheNewDescent()
    {
        if (web.SkipReason(output)) return;
        // What the course command's run leaves: site/ and web/ in one folder.
        var artifacts = Repo.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(artifacts, "site"));
        File.WriteAllText(Path.Combine(artifacts, "site", "index.html"), "<!DOCTYPE html><title>site</title><a href=\"../web/index.html\">notebooks</a>");
        Directory.CreateSymbolicLink(Path.Combine(artifacts, "web"), web.WebRoot);

        using var serve = ServeVerb.Start(artifacts);
        var address = serve.WaitForLine("the notebooks, runnable:", TimeSpan.FromMinutes(2));
        Assert.True(address is not null, $"serve printed no address:\n{serve.Output}");
        var url = address![(address.IndexOf("http", StringComparison.Ordinal))..].Trim();
        Assert.StartsWith("http://127.0.0.1:", url);

        await using var tab = await web.Browser.OpenAsync(url);
        Assert.NotNull(await tab.WaitForAsync("document.querySelector('a[href*=\"nb=02-\"]')?.href", TimeSpan.FromMinutes(2)));
        await tab.EvaluateAsync("document.querySelector('a[href*=\"nb=02-\"]').click()");
        Assert.NotNull(await tab.WaitForAsync("document.querySelector('#run-all:not([disabled])')?.id", TimeSpan.FromMinutes(1)));

        var edited = await tab.EvaluateAsync("""
            (() => {
              const box = Array.from(document.querySelectorAll('textarea')).find(t => /var learningRate = 0\.4;/.test(t.value));
              if (!box) return 'no parameters cell with learningRate = 0.4';
              box.value = box.value.replace('var learningRate = 0.4;', 'var learningRate = 0.1;');
              box.dispatchEvent(new Event('input', { bubbles: true }));
              return 'edited';
            })()
            """);
        Assert.Equal("edited", edited);
        await tab.EvaluateAsync("document.querySelector('#run-all').click()");
        var status = await tab.WaitForAsync(
            "document.body.dataset.runStatus === 'running' ? (((e) => !e.hidden || e.style.display === 'block')(document.querySelector('#blazor-error-ui')) ? 'the app stopped' : '') : document.body.dataset.runStatus",
            TimeSpan.FromMinutes(15), 500);
        var outputs = await PageRun.OutputsOf(tab);
        output.WriteLine(outputs);
        Assert.False(tab.Crashed, "the tab crashed");
        Assert.Equal("passed", status);

        // The cells before the edited one ran from their images compiled ahead of time; from the edited cell on,
        // Roslyn compiled them in the page (the chain changed). The Roslyn cells after the first are the issue's
        // "typical cell, warm".
        var cells = await CellTime.OfAsync(tab);
        var firstRoslyn = cells.TakeWhile(cell => cell.Ahead).Count();
        Assert.True(firstRoslyn > 0 && firstRoslyn < cells.Count && cells.Skip(firstRoslyn).All(cell => !cell.Ahead),
            $"expected cells compiled ahead of time up to the edited cell and by Roslyn from it on: {string.Join(" ", cells.Select(c => $"{c.Cell}:{(c.Ahead ? "ahead" : "roslyn")}"))}");
        var warm = cells.Skip(firstRoslyn + 1).Select(cell => cell.Total).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edited run all: {cells.Count(c => c.Ahead)} cells from their images, {cells.Count - firstRoslyn} by Roslyn (the first, which loads Roslyn: compile {cells[firstRoslyn].Compile} ms); warm Roslyn cells: median {warm[warm.Count / 2]} ms compile + run + display, {warm.Count(ms => ms <= 300)} of {warm.Count} within 300 ms"));
        foreach (var cell in cells) output.WriteLine($"  {cell.Cell,4}  {cell.Compile,10}  {cell.Run,6}  {cell.Display,10}{(cell.Ahead ? "" : "  (Roslyn)")}");

        // From x₀ = 0 with η = 0.1 each step multiplies the distance to x* = −0.75 by 1 − 4η = 0.6:
        // x₅ = −0.75 + 0.6⁵·0.75 = −0.69168 (with the default η = 0.4 it is −0.80832, the article's value).
        Assert.Contains("⚠ with these parameters: after 5 steps from x₀ = 0 with η = 0.1, x = -0.69168; each step multiplies the distance to x* = −0.75 by 1 − 4η = 0.6, so the walk converges", outputs);
        Assert.DoesNotContain("✓ x₅ = −0.80832", outputs);
        var html = await tab.EvaluateAsync("Array.from(document.querySelectorAll('.output.html')).map(e => e.innerHTML).join('\\n')") ?? "";
        Assert.Contains("gradient descent from x₀ = 0 with η = 0.1", html);        // the table's caption
        Assert.Contains("5 steps of gradient descent with η = 0.1", html);          // the chart's title
        Assert.Contains("-0.69168", html);                                          // the last iterate, in the table
        Assert.DoesNotContain("gradient descent from x₀ = 0 with η = 0.4", html);
        Assert.DoesNotContain("steps of gradient descent with η = 0.4", html);
    }

    /// <summary>
    /// A cell whose recursion has no end (the recursive sort of notebook 05 on a long chain, a typo in a base
    /// case) stops with a message naming the cell; the tab survives, and the next cell runs.
    /// </summary>
    [Fact]
    public async Task EndlessRecursion_StopsTheCell_WithAMessage_AndThePageStaysUsable()
    {
        if (web.SkipReason(output)) return;
        await using var tab = await web.Browser.OpenAsync($"{web.Server.Address}index.html?nb=01");
        Assert.NotNull(await tab.WaitForAsync("document.querySelector('#run-all:not([disabled])')?.id", TimeSpan.FromMinutes(2)));

        async Task<string> RunFirstCellAsync(string code)
        {
            var before = await tab.EvaluateAsync("document.querySelector('.cell.code .count').textContent");
            await tab.EvaluateAsync($$"""
                (() => {
                  const box = document.querySelector('.cell.code textarea');
                  box.value = {{JsonSerializer.Serialize(code)}};
                  box.dispatchEvent(new Event('input', { bubbles: true }));
                  document.querySelector('.cell.code button.run').click();
                })()
                """);
            var after = await tab.WaitForAsync(
                $"(() => {{ if (((e) => !e.hidden || e.style.display === 'block')(document.querySelector('#blazor-error-ui'))) return 'the app stopped'; const c = document.querySelector('.cell.code .count').textContent; return c !== {JsonSerializer.Serialize(before)} && c !== '[*]' ? c : ''; }})()",
                TimeSpan.FromMinutes(2));
            Assert.False(tab.Crashed, $"the tab crashed running: {code}");
            Assert.True(after is not null && after != "the app stopped", $"the cell did not end, or the app stopped (a stack overflow ends the WebAssembly runtime): {code}");
            return await tab.EvaluateAsync("Array.from(document.querySelectorAll('.cell.code')[0].querySelectorAll('pre.output')).map(e => e.textContent).join('\\n')") ?? "";
        }

        var stopped = await RunFirstCellAsync("int Depth(int n) => 1 + Depth(n + 1);\nDepth(0)");
        output.WriteLine(stopped);
        Assert.Contains("was stopped: the cell's methods called each other more than", stopped);
        Assert.Contains("a recursion that does not end?", stopped);

        var block = await RunFirstCellAsync("long Sum(long n) { if (n == 0) return 0; return n + Sum(n - 1); }\nSum(100_000_000)");
        output.WriteLine(block);
        Assert.Contains("was stopped: the cell's methods called each other more than", block);

        // The kernel and the page still work: a finite recursion, then a cell using the state of an earlier one.
        var fine = await RunFirstCellAsync("long Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);\nFactorial(20)");
        output.WriteLine(fine);
        Assert.Contains("2432902008176640000", fine);
        Assert.Contains("2432902008176640000", await RunFirstCellAsync("Factorial(20).ToString()"));
    }

    private static List<string> Claims(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith('✓')).ToList();

    /// <summary>The course command's serve verb as a learner starts it, in its own process.</summary>
    private sealed class ServeVerb : IDisposable
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder lines = new();

        private ServeVerb(Process process) => this.process = process;

        public string Output { get { lock (lines) return lines.ToString(); } }

        public static ServeVerb Start(string artifacts)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
            foreach (var argument in new[] { Repo.CourseDll, "serve", "--port", "0", "--output", artifacts }) start.ArgumentList.Add(argument);
            var serve = new ServeVerb(Process.Start(start)!);
            serve.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serve.lines) serve.lines.AppendLine(e.Data); };
            serve.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serve.lines) serve.lines.AppendLine(e.Data); };
            serve.process.BeginOutputReadLine();
            serve.process.BeginErrorReadLine();
            return serve;
        }

        public string? WaitForLine(string marker, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < limit && !process.HasExited)
            {
                var line = Output.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
                if (line is not null) return line;
                Thread.Sleep(100);
            }
            return Output.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
        }

        public void Dispose()
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            process.Dispose();
        }
    }
}

/// <summary>One notebook's <c>?run=all</c> in a tab: what the page reported and where the time went.</summary>
public sealed record PageRun(string Notebook, string? Status, int CellsPassed, double RunSeconds, double PageSeconds, bool Crashed, string Outputs, IReadOnlyList<CellTime> Cells)
{
    internal static async Task<string> OutputsOf(BrowserTab tab) =>
        await tab.EvaluateAsync("Array.from(document.querySelectorAll('pre.output')).map(e => e.textContent).join('\\n')") ?? "";

    /// <summary>Cells after the first (the first compile warms Roslyn up): compile + run + display, in ms.</summary>
    public IReadOnlyList<int> WarmCellMilliseconds => Cells.Skip(1).Select(c => c.Total).Order().ToList();

    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Notebook}: {Status}, {CellsPassed} cells, run all {RunSeconds:0.0} s (page open to end {PageSeconds:0.0} s)"));
        var warm = WarmCellMilliseconds;
        if (warm.Count > 0)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  warm cells (after the first): median {warm[warm.Count / 2]} ms, {warm.Count(ms => ms <= 300)} of {warm.Count} within 300 ms, slowest {warm[^1]} ms"));
        }
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  total compile {Cells.Sum(c => c.Compile) / 1000.0:0.0} s, run {Cells.Sum(c => c.Run) / 1000.0:0.0} s, display {Cells.Sum(c => c.Display) / 1000.0:0.0} s"));
        text.AppendLine($"  compiled ahead of time: {Cells.Count(c => c.Ahead)} of {Cells.Count} cells (the others by Roslyn in the page)");
        text.AppendLine("  cell  compile ms  run ms  display ms");
        foreach (var cell in Cells) text.AppendLine($"  {cell.Cell,4}  {cell.Compile,10}  {cell.Run,6}  {cell.Display,10}{(cell.Ahead ? "" : "  (Roslyn)")}");
        return text.ToString();
    }
}

/// <summary>A cell's last run: ms spent compiling (or loading its image compiled ahead of time), running and displaying.</summary>
public sealed record CellTime(int Cell, int Compile, int Run, int Display, bool Ahead)
{
    /// <summary>The cells of a page as the page marks them (data-compile-ms and friends on each code cell).</summary>
    internal const string Script =
        "JSON.stringify(Array.from(document.querySelectorAll('.cell.code[data-run-ms]')).map(e => [parseInt(e.id.slice(5)), +e.dataset.compileMs, +e.dataset.runMs, +(e.dataset.displayMs || 0), e.dataset.compiled === 'ahead' ? 1 : 0]))";

    internal static async Task<IReadOnlyList<CellTime>> OfAsync(BrowserTab tab) =>
        JsonSerializer.Deserialize<int[][]>(await tab.EvaluateAsync(Script) ?? "[]")!
            .Select(c => new CellTime(c[0], c[1], c[2], c[3], c[4] == 1)).ToList();

    public int Total => Compile + Run + Display;
}

/// <summary>
/// The published web app, served on 127.0.0.1, and one headless Chromium, for the class. The app comes from
/// <c>AUTODIFF_WEB_DIR</c> when set (an already published <c>wwwroot</c>), else it is published once, the way the
/// course command does (<see cref="WebApp.Publish"/>, to <c>artifacts/web</c>). Every notebook's run all starts
/// when the fixture is made, a few tabs at a time; each test waits for its own.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<PageRun>> runs = [];
    private string? skip;

    public string WebRoot { get; private set; } = "";

    internal StaticServer Server { get; private set; } = null!;

    internal HeadlessBrowser Browser { get; private set; } = null!;

    /// <summary>The cold start of the first notebook in a fresh browser profile: a line for the test output.</summary>
    public string ColdStart { get; private set; } = "";

    /// <summary>True (and says why in the test output) when the test must be skipped: no chromium on a developer machine.</summary>
    internal bool SkipReason(ITestOutputHelper output)
    {
        if (skip is null) return false;
        output.WriteLine($"skipped: {skip}");
        return true;
    }

    public async Task InitializeAsync()
    {
        if (Chromium.Executable is null)
        {
            if (Chromium.Required) throw new InvalidOperationException("COURSE_REQUIRE_CHROMIUM=1 but chromium is not on PATH");
            skip = "chromium is not installed (apt-get install chromium); set COURSE_REQUIRE_CHROMIUM=1 to make this a failure";
            return;
        }
        WebRoot = Environment.GetEnvironmentVariable("AUTODIFF_WEB_DIR") is { Length: > 0 } given ? Path.GetFullPath(given) : Publish();
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            throw new InvalidOperationException($"no web app in {WebRoot} (index.html is missing)");
        }
        Server = new StaticServer([("/", WebRoot)]);
        Browser = await HeadlessBrowser.StartAsync();

        var notebooks = CommandLine.AllNotebooks(Repo.Notebooks).Select(path => Path.GetFileName(path)!).Where(Selected).ToList();
        if (notebooks.Count == 0) return;
        this.notebooks = notebooks;
    }

    private List<string> notebooks = [];

    /// <summary>
    /// For a developer's run: <c>AUTODIFF_WEB_NOTEBOOKS=05,08</c> runs only the notebooks whose names start with one
    /// of these (the others' tests say so and end). Unset (as in <c>.ci/run</c>): every notebook.
    /// </summary>
    public const string SelectionVariable = "AUTODIFF_WEB_NOTEBOOKS";

    /// <summary>
    /// How many notebooks run at once, each in its own tab: as many as there are cores (2–4), or
    /// <c>AUTODIFF_WEB_TABS=1</c> to time each notebook alone (the figures in docs/web.md).
    /// </summary>
    public static int Tabs =>
        int.TryParse(Environment.GetEnvironmentVariable("AUTODIFF_WEB_TABS"), out var tabs) && tabs is >= 1 and <= 8
            ? tabs
            : Math.Clamp(Environment.ProcessorCount, 2, 4);

    public bool Selected(string notebook) =>
        Environment.GetEnvironmentVariable(SelectionVariable) is not { Length: > 0 } selection
        || selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(prefix => notebook.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>
    /// The run all of a notebook. The first call measures the cold start, then starts every notebook's run all,
    /// as many tabs at once as there are cores (each tab is one renderer process on one core).
    /// </summary>
    public async Task<PageRun> RunAll(string notebook)
    {
        await start.WaitAsync();
        try
        {
            if (runs.Count == 0)
            {
                ColdStart = await MeasureColdStartAsync(notebooks[0]);
                var slots = new SemaphoreSlim(Tabs);
                foreach (var name in notebooks) runs[name] = RunAllAsync(name, slots);
            }
        }
        finally
        {
            start.Release();
        }
        return runs.TryGetValue(notebook, out var run) ? await run : throw new InvalidOperationException($"{notebook} is not in notebooks/");
    }

    private readonly SemaphoreSlim start = new(1);

    private static string Publish()
    {
        var log = new StringWriter();
        var artifacts = Path.Combine(Repo.Root, "artifacts");
        var error = WebApp.Publish(Repo.Root, artifacts, log);
        if (error is not null) throw new InvalidOperationException($"publishing the web app failed: {error}\n{log}");
        return Path.Combine(artifacts, "web");
    }

    /// <summary>
    /// Opens the first notebook in the browser's first tab (nothing cached) and waits until Run all can be pressed:
    /// the page's own clock from navigation start, and the bytes that came over the wire (Brotli where served).
    /// </summary>
    private async Task<string> MeasureColdStartAsync(string notebook)
    {
        await using var tab = await Browser.OpenAsync($"{Server.Address}index.html?nb={Path.GetFileNameWithoutExtension(notebook)}");
        var ready = await tab.WaitForAsync("document.querySelector('#run-all:not([disabled])') ? performance.now() : ''", TimeSpan.FromMinutes(3), 50);
        var bytes = await tab.EvaluateAsync(
            "JSON.stringify(performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))" +
            ".reduce((s, e) => [s[0] + (e.transferSize || 0), s[1] + (e.decodedBodySize || 0), s[2] + 1], [0, 0, 0]))");
        var (wire, raw, files) = JsonSerializer.Deserialize<double[]>(bytes ?? "[0,0,0]") is [var w, var r, var f] ? (w, r, f) : (0, 0, 0);
        // Where the time went: downloads (the last response), .NET's Main, the notebook parsed and its markdown
        // rendered (parameters set), the first render, KaTeX done.
        var stages = await tab.EvaluateAsync(
            "[['downloads', Math.round(Math.max(...performance.getEntriesByType('resource').map(e => e.responseEnd)))], ['main', document.body.dataset.mainMs]," +
            " ['notebook', document.body.dataset.parametersMs], ['rendered', document.body.dataset.renderedMs], ['math', document.body.dataset.mathMs]]" +
            ".map(s => s[0] + ' ' + (s[1] / 1000).toFixed(2) + ' s').join(', ')");
        return ready is null
            ? $"cold start: {notebook} was not ready after 3 minutes"
            : string.Create(CultureInfo.InvariantCulture,
                $"cold start (fresh profile, 127.0.0.1): {notebook} interactive (Run all enabled) after {double.Parse(ready, CultureInfo.InvariantCulture) / 1000:0.00} s ({stages}); downloaded {wire / 1e6:0.0} MB over the wire ({raw / 1e6:0.0} MB decoded, {files} files)");
    }

    private async Task<PageRun> RunAllAsync(string notebook, SemaphoreSlim slots)
    {
        await slots.WaitAsync();
        try
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            // A cell may take long on a loaded 2-core machine: the page's time limit is raised for automation.
            await using var tab = await Browser.OpenAsync($"{Server.Address}index.html?nb={name}&run=all&limit=900");
            var status = await tab.WaitForAsync(
                "document.body.dataset.runStatus === 'running' ? (((e) => !e.hidden || e.style.display === 'block')(document.querySelector('#blazor-error-ui')) ? 'the app stopped' : '') : (document.body.dataset.runStatus || (document.querySelector('ul.notebooks') ? 'not in the app' : ''))",
                TimeSpan.FromMinutes(20), 500);
            var pageSeconds = tab.Elapsed.TotalSeconds;
            if (tab.Crashed) return new PageRun(notebook, status, 0, 0, pageSeconds, true, "", []);
            var cellsPassed = int.TryParse(await tab.EvaluateAsync("document.body.dataset.cellsPassed || ''"), out var p) ? p : 0;
            var runSeconds = double.TryParse(await tab.EvaluateAsync("document.body.dataset.runSeconds || ''"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : double.NaN;
            var cells = await CellTime.OfAsync(tab);
            return new PageRun(notebook, status, cellsPassed, runSeconds, pageSeconds, tab.Crashed, await PageRun.OutputsOf(tab), cells);
        }
        finally
        {
            slots.Release();
        }
    }

    public async Task DisposeAsync()
    {
        // The browser goes first: a run no test waited for (a filtered test run) then ends at once.
        if (Browser is not null) await Browser.DisposeAsync();
        foreach (var run in runs.Values)
        {
            try { await run; } catch (Exception) { /* reported by its test, or nobody asked */ }
        }
        Server?.Dispose();
    }
}
