using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using KernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace Autodiff.Course;

/// <summary>How to run a notebook.</summary>
public sealed record RunOptions
{
    /// <summary>Time limit of an ordinary code cell.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Time limit of the first code cell and of any cell with <c>#r "nuget:"</c>: a cold NuGet
    /// cache downloads a few hundred MB there.
    /// </summary>
    public TimeSpan SetupTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Overrides for the parameters cell (<c>--set name=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Where progress lines go (null: nowhere).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Prefix of progress lines, e.g. <c>[2/6] 02-chain-rule</c>.</summary>
    public string LogPrefix { get; init; } = "";

    /// <summary>How much output a cell keeps.</summary>
    public OutputLimits OutputLimits { get; init; } = new();

    /// <summary>
    /// Called before a code cell runs, with its index among the document's elements, the cell, and
    /// an action that writes what the cell has printed so far into its outputs.
    /// </summary>
    internal Action<int, InteractiveDocumentElement, Action>? CellStarting { get; init; }

    /// <summary>Called after a code cell ran or was skipped, with its index among the document's elements.</summary>
    internal Action<int, InteractiveDocumentElement, CellResult>? CellFinished { get; init; }
}

/// <summary>
/// Executes one notebook in-process, cell by cell, in the notebook's own folder (so relative
/// <c>#r</c> paths resolve as in VS Code), in a fresh kernel, stopping at the first failed cell.
/// </summary>
/// <remarks>
/// Not thread-safe: the current directory and the formatters are process-wide, so run one
/// notebook at a time.
/// </remarks>
public static class NotebookRunner
{
    private static readonly KernelInfoCollection KernelInfos = CreateKernelInfos();

    /// <summary>Reads a notebook (.ipynb) the way the Documents API and VS Code do.</summary>
    /// <exception cref="NotebookFormatException">The file is not JSON, or not a Jupyter notebook; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static InteractiveDocument Load(string path)
    {
        var json = File.ReadAllText(path);
        NotebookFormatException.ThrowIfNotANotebook(path, json);
        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(json, KernelInfos);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new NotebookFormatException(path, e.Message);
        }
        foreach (var cell in document.Elements)
        {
            cell.KernelName ??= "csharp";
        }
        return document;
    }

    /// <summary>
    /// A copy of <paramref name="source"/> whose cells can be run and given outputs while the source stays as read:
    /// a notebook is parsed once and each run (a sweep runs one notebook many times) works on its own copy.
    /// </summary>
    internal static InteractiveDocument Copy(InteractiveDocument source)
    {
        var copy = new InteractiveDocument(source.Elements
            .Select(e => new InteractiveDocumentElement(e.Contents, e.KernelName, e.Outputs)
            {
                Id = e.Id,
                ExecutionOrder = e.ExecutionOrder,
                Metadata = e.Metadata is null ? null : new Dictionary<string, object>(e.Metadata),
            })
            .ToList());
        foreach (var (key, value) in source.Metadata)
        {
            copy.Metadata[key] = value;
        }
        return copy;
    }

    /// <summary>Reads notebook JSON that the runner wrote itself (a kernel process's report).</summary>
    internal static InteractiveDocument Parse(string json) => Notebook.Parse(json, KernelInfos);

    /// <summary>
    /// The document as the runner executes it: a copy of the notebook <paramref name="source"/> read from
    /// <paramref name="path"/>, with the injected parameters cell when there are overrides, and each element's
    /// number among the source's cells (0 for the injected one).
    /// </summary>
    /// <exception cref="UnknownParameterException">An override names no variable of the parameters cell.</exception>
    internal static (InteractiveDocument Document, List<int> Numbers, int CellCount) Prepare(
        InteractiveDocument source, string path, IReadOnlyDictionary<string, string> parameters)
    {
        var document = Copy(source);
        var cellCount = document.Elements.Count;
        var numbers = Enumerable.Range(1, cellCount).ToList();

        if (parameters.Count > 0)
        {
            var index = Parameters.FindCell(document);
            var code = Parameters.OverrideCode(Path.GetFileName(path), index < 0 ? null : document.Elements[index].Contents, parameters);
            var injected = new InteractiveDocumentElement(code, "csharp")
            {
                Metadata = new Dictionary<string, object> { ["tags"] = new[] { Parameters.InjectedTag } },
            };
            document.Elements.Insert(index + 1, injected);
            numbers.Insert(index + 1, 0);
        }
        return (document, numbers, cellCount);
    }

    /// <summary>Runs the notebook at <paramref name="path"/>; never throws for a failing cell.</summary>
    /// <exception cref="UnknownParameterException">An override names no variable of the parameters cell.</exception>
    public static async Task<NotebookResult> RunAsync(string path, RunOptions? options = null)
    {
        options ??= new RunOptions();
        path = Path.GetFullPath(path);
        var (document, numbers, cellCount) = Prepare(Load(path), path, options.Parameters);

        var result = new NotebookResult(path, document, cellCount);
        var clock = Stopwatch.StartNew();
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(path)!;
        NotebookKernel.ResetFormatters();
        using var lessonMode = LessonMode.For(options);
        var kernel = NotebookKernel.Create();
        var kernelIsHealthy = true;
        try
        {
            var codeCells = Enumerable.Range(0, document.Elements.Count)
                .Where(i => IsCode(document.Elements[i]))
                .ToList();
            var executionCount = 0;
            foreach (var (i, position) in codeCells.Select((cellIndex, k) => (cellIndex, k + 1)))
            {
                var cell = document.Elements[i];
                cell.Outputs.Clear();
                var firstLine = FirstLine(cell.Contents);
                var label = numbers[i] == 0 ? "parameters*" : $"cell {numbers[i]}/{cellCount}";

                if (result.FailedCell is not null)
                {
                    cell.ExecutionOrder = 0;
                    var skipped = new CellResult(numbers[i], firstLine, CellStatus.Skipped, TimeSpan.Zero, null);
                    result.Cells.Add(skipped);
                    options.CellFinished?.Invoke(i, cell, skipped);
                    continue;
                }

                cell.ExecutionOrder = ++executionCount;
                var outputs = new CellOutputs(cell, options.OutputLimits);
                options.CellStarting?.Invoke(i, cell, outputs.Flush);
                var timeout = position == 1 || cell.Contents.Contains("#r \"nuget:", StringComparison.Ordinal)
                    ? options.SetupTimeout
                    : options.CellTimeout;
                var (status, error, elapsed) = await RunCellAsync(kernel, cell, outputs, timeout, options, $"{options.LogPrefix} {label}", clock);
                var cellResult = new CellResult(numbers[i], firstLine, status, elapsed, error);
                result.Cells.Add(cellResult);
                options.Log?.WriteLine(
                    $"{options.LogPrefix} {label,-12} {StatusWord(status),-9} {elapsed.TotalSeconds,6:0.00} s  (elapsed {clock.Elapsed.TotalSeconds:0.0} s)  {Shorten(firstLine, 60)}");
                if (status == CellStatus.TimedOut)
                {
                    kernelIsHealthy = false;
                }
                options.CellFinished?.Invoke(i, cell, cellResult);
            }
        }
        finally
        {
            // A cell that ignores cancellation (a tight loop) keeps its thread busy; disposing
            // that kernel could wait on it forever, so a timed-out kernel is abandoned instead.
            if (kernelIsHealthy)
            {
                kernel.Dispose();
            }
            Environment.CurrentDirectory = previousDirectory;
            result.Elapsed = clock.Elapsed;
        }

        return result;
    }

    private static async Task<(CellStatus, string?, TimeSpan)> RunCellAsync(
        Kernel kernel, InteractiveDocumentElement cell, CellOutputs outputs, TimeSpan timeout, RunOptions options, string label, Stopwatch notebookClock)
    {
        try
        {
            return await SubmitAsync(kernel, cell, outputs, timeout, options, label, notebookClock);
        }
        finally
        {
            outputs.Flush();
        }
    }

    private static async Task<(CellStatus, string?, TimeSpan)> SubmitAsync(
        Kernel kernel, InteractiveDocumentElement cell, CellOutputs outputs, TimeSpan timeout, RunOptions options, string label, Stopwatch notebookClock)
    {
        var command = new SubmitCode(cell.Contents, cell.KernelName ?? "csharp");
        CommandFailed? failed = null;
        var compileErrors = new List<string>();
        using var subscription = kernel.KernelEvents.Subscribe(e =>
        {
            if (e is CommandFailed f && ReferenceEquals(f.Command, command))
            {
                failed = f;
            }
            if (e is DiagnosticsProduced diagnostics)
            {
                // These are mapped back to the cell's own lines (the kernel strips #r lines before compiling).
                compileErrors.AddRange(diagnostics.Diagnostics
                    .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                    .Select(d => $"({d.LinePositionSpan.Start.Line + 1},{d.LinePositionSpan.Start.Character + 1}): error {d.Code}: {d.Message}"));
            }
            outputs.Add(e);
        });

        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        // The kernel runs a submission synchronously up to its first await, so a tight loop
        // never returns from SendAsync: start it on the thread pool and wait for it from here.
        var send = Task.Run(() => kernel.SendAsync(command, cancellation.Token));
        while (true)
        {
            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }
            var finished = await Task.WhenAny(send, Task.Delay(Min(remaining, TimeSpan.FromSeconds(15))));
            if (finished == send)
            {
                break;
            }
            if (clock.Elapsed < timeout)
            {
                options.Log?.WriteLine($"{label} still running after {clock.Elapsed.TotalSeconds:0} s (elapsed {notebookClock.Elapsed.TotalSeconds:0.0} s)");
            }
        }

        if (!send.IsCompleted)
        {
            cancellation.Cancel();
            await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(2)));
            var message = $"Cell timed out after {timeout.TotalSeconds:0.#} s (set a longer limit with --cell-timeout/--setup-timeout).";
            outputs.AddError("TimeoutException", message);
            return (CellStatus.TimedOut, message, clock.Elapsed);
        }

        try
        {
            await send;
        }
        catch (Exception e)
        {
            outputs.AddError(e.GetType().Name, e.Message);
            return (CellStatus.Failed, e.Message, clock.Elapsed);
        }

        if (failed is not null)
        {
            var message = compileErrors.Count > 0
                ? string.Join(Environment.NewLine, compileErrors.Distinct())
                : WithoutScriptingFrames(failed.Message ?? failed.Exception?.Message ?? "The cell failed.");
            outputs.AddError(
                compileErrors.Count > 0 ? "CompilationError" : failed.Exception?.GetType().Name ?? "Error",
                message,
                failed.Exception?.StackTrace?.Split('\n'));
            return (CellStatus.Failed, message, clock.Elapsed);
        }
        return (CellStatus.Passed, null, clock.Elapsed);
    }

    /// <summary>
    /// An exception's text without the frames of the scripting engine that runs the cell (they say
    /// nothing about the notebook); frames of the course library stay.
    /// </summary>
    private static string WithoutScriptingFrames(string message) => string.Join('\n', message
        .Split('\n')
        .Where(line => !line.StartsWith("--- End of stack trace from previous location", StringComparison.Ordinal))
        .Where(line => !line.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
        .Where(line => !line.TrimStart().StartsWith("at Submission#", StringComparison.Ordinal)))
        .TrimEnd();

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>True for a cell the runner executes (anything but markdown and raw cells).</summary>
    public static bool IsCode(InteractiveDocumentElement cell) =>
        cell.KernelName is not ("markdown" or "raw" or "md") && !string.IsNullOrWhiteSpace(cell.Contents);

    /// <summary>The first non-blank line of a cell's source.</summary>
    public static string FirstLine(string contents) =>
        contents.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string StatusWord(CellStatus status) => status switch
    {
        CellStatus.Passed => "ok",
        CellStatus.Failed => "FAILED",
        CellStatus.TimedOut => "TIMEOUT",
        _ => "skipped",
    };

    private static KernelInfoCollection CreateKernelInfos()
    {
        var csharp = new KernelInfo("csharp", languageName: "C#", aliases: ["c#", "C#", "cs"]);
        return new KernelInfoCollection { csharp, new KernelInfo("markdown", languageName: "Markdown", aliases: ["md"]) }
            .WithDefault("csharp");
    }

    private static KernelInfoCollection WithDefault(this KernelInfoCollection infos, string name)
    {
        infos.DefaultKernelName = name;
        return infos;
    }
}
