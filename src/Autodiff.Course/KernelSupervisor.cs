using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course;

/// <summary>
/// The course command's side of a kernel process (<see cref="KernelProcess"/>): starts it, passes
/// its progress through, rebuilds each notebook's result from its reports, and when the process
/// dies in a cell (<c>Environment.Exit</c>, a stack overflow, a kill) fails that cell, keeping
/// every output reported before it.
/// </summary>
internal static class KernelSupervisor
{
    /// <summary>What one kernel process did.</summary>
    /// <param name="Finished">The notebooks it finished or that died in it, in order.</param>
    /// <param name="Died">True when the process ended in the middle of the last of them.</param>
    public sealed record Outcome(IReadOnlyList<NotebookResult> Finished, bool Died);

    /// <summary>Runs <paramref name="notebooks"/> (a prefix of them, see <see cref="KernelProcess"/>) in one fresh process.</summary>
    /// <param name="notebooks">Each job with the notebook as the course command read it, whose cells the results report.</param>
    public static async Task<Outcome> RunAsync(
        IReadOnlyList<(KernelJobNotebook Job, InteractiveDocument Document)> notebooks, int total, CourseOptions options, TextWriter log,
        Action<NotebookResult> onFinished)
    {
        var job = new KernelJob([.. notebooks.Select(n => n.Job)], total, options.Cells.CellTimeout.TotalSeconds, options.Cells.SetupTimeout.TotalSeconds,
            options.ContinueOnError, options.Cells.OutputLimits);

        using var process = new Process { StartInfo = StartInfo() };
        process.Start();
        var stderr = new StderrTail();
        var readingErrors = Task.Run(() => stderr.ReadAllAsync(process.StandardError));
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(job, KernelReport.Json));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process ended before it read its job; its exit code and stderr say why, below.
        }

        var finished = new List<NotebookResult>();
        Rebuild? current = null;
        // The kernel process reports at least every 15 s while a cell runs; silence past the
        // longest time limit means it hangs where cancellation cannot reach.
        var silence = Max(options.Cells.CellTimeout, options.Cells.SetupTimeout) + TimeSpan.FromMinutes(2);
        var hung = false;
        while (true)
        {
            string? line;
            using (var quiet = new CancellationTokenSource(silence))
            {
                try
                {
                    line = await process.StandardOutput.ReadLineAsync(quiet.Token);
                }
                catch (OperationCanceledException)
                {
                    hung = true;
                    process.Kill(entireProcessTree: true);
                    break;
                }
            }
            if (line is null)
            {
                break;
            }
            if (!line.StartsWith(KernelReport.Marker, StringComparison.Ordinal))
            {
                log.WriteLine(line);
                continue;
            }

            KernelReport? report;
            try
            {
                report = JsonSerializer.Deserialize<KernelReport>(line.AsSpan(KernelReport.Marker.Length), KernelReport.Json);
            }
            catch (JsonException)
            {
                continue; // a line cut short by the process's end
            }
            if (report is null)
            {
                continue;
            }

            switch (report.Kind)
            {
                case KernelReport.NotebookStarted:
                    var notebook = notebooks.First(n => n.Job.Index == report.Notebook);
                    current = new Rebuild(notebook.Job, notebook.Document);
                    break;
                case KernelReport.CellStarted when current is not null:
                    current.Started(report.Element);
                    break;
                case KernelReport.CellEndsProcess when current is not null:
                    current.Exiting(report);
                    break;
                case KernelReport.CellFinished when current is not null:
                    current.Finished(report);
                    break;
                case KernelReport.NotebookFinished when current is not null:
                    var done = current.Complete(TimeSpan.FromSeconds(report.Seconds));
                    finished.Add(done);
                    onFinished(done);
                    current = null;
                    break;
            }
        }

        await process.WaitForExitAsync();
        await readingErrors;
        if (current is null)
        {
            if (process.ExitCode != 0 || hung)
            {
                log.WriteLine($"  (the kernel process ended with exit code {process.ExitCode} between notebooks{stderr.Excerpt()})");
            }
            return new Outcome(finished, Died: false);
        }

        var why = hung
            ? $"the kernel process stopped responding (no progress for {silence.TotalSeconds:0} s) and was ended"
            : stderr.SawStackOverflow
                ? $"stack overflow in {{cell}} (the process ended with exit code {process.ExitCode}): a recursion too deep; make it iterative"
                : $"the cell ended the process (exit code {process.ExitCode})";
        var died = current.Died(why);
        if (!stderr.SawStackOverflow && stderr.Excerpt() is { Length: > 0 } lastWords)
        {
            log.WriteLine($"  (the kernel process's last words{lastWords})");
        }
        finished.Add(died);
        onFinished(died);
        return new Outcome(finished, Died: true);
    }

    /// <summary>This program again, with the hidden verb: under <c>dotnet</c> when it runs as a DLL (tests, <c>dotnet X.dll</c>).</summary>
    private static ProcessStartInfo StartInfo()
    {
        var dll = typeof(KernelSupervisor).Assembly.Location;
        var self = Environment.ProcessPath;
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        if (self is not null && Path.GetFullPath(self) == Path.GetFullPath(apphost))
        {
            start.FileName = self;
        }
        else
        {
            start.FileName = DotnetHost(self);
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(dll);
        }
        start.ArgumentList.Add(KernelProcess.Verb);
        return start;
    }

    private static string DotnetHost(string? self)
    {
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        return "dotnet";
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A notebook's result, rebuilt from the reports of the process that runs it.</summary>
    private sealed class Rebuild
    {
        private readonly NotebookResult _result;
        private readonly List<int> _numbers;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Stopwatch _cellClock = new();
        private int _running = -1;
        private List<InteractiveDocumentOutputElement> _printedBeforeExit = [];

        public Rebuild(KernelJobNotebook notebook, InteractiveDocument source)
        {
            var (document, numbers, cellCount) = NotebookRunner.Prepare(source, notebook.Path, notebook.Parameters);
            foreach (var cell in document.Elements.Where(NotebookRunner.IsCode))
            {
                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
            }
            _result = new NotebookResult(Path.GetFullPath(notebook.Path), document, cellCount);
            _numbers = numbers;
        }

        private IList<InteractiveDocumentElement> Elements => _result.Document.Elements;

        public void Started(int element)
        {
            _running = element;
            _cellClock.Restart();
        }

        /// <summary>The running cell called <c>Environment.Exit</c>; these are its outputs up to then.</summary>
        public void Exiting(KernelReport report)
        {
            if (report.Element == _running && report.Outputs is { } json)
            {
                _printedBeforeExit = NotebookRunner.Parse(json).Elements.Single().Outputs.ToList();
            }
        }

        public void Finished(KernelReport report)
        {
            var cell = Elements[report.Element];
            cell.ExecutionOrder = report.ExecutionOrder;
            if (report.Outputs is { } json)
            {
                var copy = NotebookRunner.Parse(json).Elements.Single();
                cell.Outputs.Clear();
                cell.Outputs.AddRange(copy.Outputs);
            }
            _result.Cells.Add(report.Cell!);
            _running = -1;
        }

        public NotebookResult Complete(TimeSpan elapsed)
        {
            _result.Elapsed = elapsed;
            return _result;
        }

        /// <summary>The process ended inside this notebook: the running cell (or the next one) failed, the rest are skipped.</summary>
        public NotebookResult Died(string why)
        {
            var reported = _result.Cells.Count;
            var remaining = Enumerable.Range(0, Elements.Count).Where(i => NotebookRunner.IsCode(Elements[i])).Skip(reported).ToList();
            var failedIndex = _running >= 0 ? _running : remaining.FirstOrDefault(-1);
            foreach (var i in remaining)
            {
                var cell = Elements[i];
                var firstLine = NotebookRunner.FirstLine(cell.Contents);
                if (i == failedIndex)
                {
                    var label = _numbers[i] == 0 ? "the injected parameters cell" : $"cell {_numbers[i]}";
                    var message = why.Replace("{cell}", label, StringComparison.Ordinal);
                    cell.ExecutionOrder = _result.Cells.Count(c => c.Status != CellStatus.Skipped) + 1;
                    cell.Outputs.AddRange(_printedBeforeExit);
                    cell.Outputs.Add(new ErrorElement(message, "ProcessExited"));
                    _result.Cells.Add(new CellResult(_numbers[i], firstLine, CellStatus.Failed, _cellClock.Elapsed, message));
                }
                else
                {
                    _result.Cells.Add(new CellResult(_numbers[i], firstLine, CellStatus.Skipped, TimeSpan.Zero, null));
                }
            }
            _result.Elapsed = _clock.Elapsed;
            return _result;
        }
    }

    /// <summary>The end of the kernel process's stderr, and whether the runtime reported a stack overflow there.</summary>
    private sealed class StderrTail
    {
        private const int Keep = 4096;
        private readonly StringBuilder _tail = new();

        public bool SawStackOverflow { get; private set; }

        public async Task ReadAllAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                SawStackOverflow |= line.StartsWith("Stack overflow.", StringComparison.Ordinal);
                if (SawStackOverflow)
                {
                    continue; // the runtime's trace of the recursion says nothing more
                }
                _tail.AppendLine(line);
                if (_tail.Length > 2 * Keep)
                {
                    _tail.Remove(0, _tail.Length - Keep);
                }
            }
        }

        /// <summary>The last lines, for a message (", stderr: …"), or empty.</summary>
        public string Excerpt()
        {
            var text = _tail.ToString().Trim();
            if (text.Length == 0)
            {
                return "";
            }
            var lines = text.Split('\n').TakeLast(10);
            return ": " + string.Join(Environment.NewLine + "    ", lines.Select(l => l.TrimEnd()));
        }
    }
}
