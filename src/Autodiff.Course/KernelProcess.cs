using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Autodiff.Course;

/// <summary>What the course command asks of a kernel process: notebooks to run, in order, in-process.</summary>
internal sealed record KernelJob(
    IReadOnlyList<KernelJobNotebook> Notebooks,
    int Total,
    double CellTimeoutSeconds,
    double SetupTimeoutSeconds,
    bool ContinueOnError,
    OutputLimits OutputLimits);

/// <summary>One notebook of a <see cref="KernelJob"/>: its position in the course (0-based), path and overrides.</summary>
internal sealed record KernelJobNotebook(int Index, string Path, IReadOnlyDictionary<string, string> Parameters);

/// <summary>
/// One line of the kernel process's report: a notebook starts, a cell starts, a cell finished
/// (with its outputs, as a one-cell Jupyter notebook), a notebook ends.
/// </summary>
internal sealed record KernelReport(
    string Kind,
    int Notebook,
    int Element = -1,
    CellResult? Cell = null,
    int ExecutionOrder = 0,
    string? Outputs = null,
    double Seconds = 0)
{
    public const string NotebookStarted = "notebook";
    public const string CellStarted = "cell-start";
    public const string CellEndsProcess = "cell-exit";
    public const string CellFinished = "cell";
    public const string NotebookFinished = "notebook-end";

    /// <summary>Starts every report line on the kernel process's stdout; any other line there is progress text.</summary>
    public const string Marker = "\u001e@course-report ";

    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The cell's outputs as a one-cell notebook, the format the executed copy is written in.</summary>
    public static string OutputsOf(InteractiveDocumentElement cell)
    {
        var copy = new InteractiveDocumentElement(cell.Contents, cell.KernelName) { ExecutionOrder = cell.ExecutionOrder };
        copy.Outputs.AddRange(cell.Outputs);
        return new InteractiveDocument { copy }.ToJupyterJson();
    }
}

/// <summary>
/// The hidden <c>__kernel</c> verb: runs notebooks in this process with <see cref="NotebookRunner"/>,
/// exactly as the in-process runner does, and reports each finished cell with its outputs on
/// stdout, so that the course command keeps them if a cell ends this process.
/// </summary>
internal static class KernelProcess
{
    /// <summary>The verb; not in the help text, since only the course command starts it.</summary>
    public const string Verb = "__kernel";

    /// <summary>Reads a <see cref="KernelJob"/> from stdin (up to its end) and runs it.</summary>
    /// <returns>0 when it ran what it could; it stops early after a failure (unless continuing) or a timed-out cell.</returns>
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var job = JsonSerializer.Deserialize<KernelJob>(await input.ReadToEndAsync(), KernelReport.Json)
            ?? throw new InvalidDataException("empty job");
        var gate = new object();
        void Report(KernelReport report)
        {
            var line = KernelReport.Marker + JsonSerializer.Serialize(report, KernelReport.Json);
            lock (gate)
            {
                output.WriteLine(line);
                output.Flush();
            }
        }

        // A cell that calls Environment.Exit still runs this: what it printed goes to the course command.
        (int Notebook, int Element, InteractiveDocumentElement Cell, Action Flush)? running = null;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (running is { } cell)
            {
                cell.Flush();
                Report(new KernelReport(KernelReport.CellEndsProcess, cell.Notebook, cell.Element, Outputs: KernelReport.OutputsOf(cell.Cell)));
            }
        };

        foreach (var notebook in job.Notebooks)
        {
            var name = Path.GetFileNameWithoutExtension(notebook.Path);
            Report(new KernelReport(KernelReport.NotebookStarted, notebook.Index));
            output.WriteLine($"[{notebook.Index + 1}/{job.Total}] {Path.GetFileName(notebook.Path)}");
            var result = await NotebookRunner.RunAsync(notebook.Path, new RunOptions
            {
                CellTimeout = TimeSpan.FromSeconds(job.CellTimeoutSeconds),
                SetupTimeout = TimeSpan.FromSeconds(job.SetupTimeoutSeconds),
                Parameters = notebook.Parameters,
                OutputLimits = job.OutputLimits,
                Log = output,
                LogPrefix = $"  [{notebook.Index + 1}/{job.Total} {name}]",
                CellStarting = (element, cell, flush) =>
                {
                    Report(new KernelReport(KernelReport.CellStarted, notebook.Index, element));
                    running = (notebook.Index, element, cell, flush);
                },
                CellFinished = (element, cell, result) =>
                {
                    running = null;
                    Report(new KernelReport(
                    KernelReport.CellFinished, notebook.Index, element, result, cell.ExecutionOrder,
                    result.Status == CellStatus.Skipped ? null : KernelReport.OutputsOf(cell)));
                },
            });
            Report(new KernelReport(KernelReport.NotebookFinished, notebook.Index, Seconds: result.Elapsed.TotalSeconds));

            // A timed-out cell may still hold a thread: the rest run in a fresh process.
            if ((!result.Succeeded && !job.ContinueOnError) || result.Cells.Any(c => c.Status == CellStatus.TimedOut))
            {
                break;
            }
        }
        output.Flush();
        return 0;
    }
}
