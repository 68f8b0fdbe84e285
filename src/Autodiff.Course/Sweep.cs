using System.Diagnostics;
using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course;

/// <summary>What <c>course sweep</c> was asked to do.</summary>
/// <param name="Table">The README whose "Tweaks that are tested" table lists the rows.</param>
/// <param name="Notebooks">The folder of notebooks the rows name.</param>
/// <param name="Selected">Run only the rows of these notebooks (full paths); empty: every row.</param>
/// <param name="Jobs">How many kernel processes run rows side by side.</param>
public sealed record SweepOptions(string Table, string Notebooks, IReadOnlyList<string> Selected, string OutputDirectory, RunOptions Cells, int Jobs = 1);

/// <summary>One row of a sweep, run: its tweak, the executed copy, and what the notebook said.</summary>
/// <param name="Result">The run, or null when the row was not reached.</param>
/// <param name="Lessons">The lines that reported "⚠ with these parameters", in order.</param>
public sealed record SweepRow(TweakTable.Tweak Tweak, string ExecutedPath, NotebookResult? Result, IReadOnlyList<string> Errors,
    IReadOnlyList<string> Stderr, IReadOnlyList<string> Lessons)
{
    /// <summary>The notebook passed, with no error output and nothing on stderr.</summary>
    public bool Passed => Result is { Succeeded: true } && Errors.Count == 0 && Stderr.Count == 0;

    /// <summary><c>passed</c>, <c>FAILED at cell 9</c>, <c>stderr in cell 7</c>, <c>not run</c>.</summary>
    public string Status => Result is null ? "not run"
        : !Result.Succeeded ? "FAILED" + Result.Status["failed".Length..]
        : Errors.Count > 0 ? "error output"
        : Stderr.Count > 0 ? $"stderr in {Stderr[0][..Stderr[0].IndexOf(':')]}"
        : "passed";
}

/// <summary>
/// <c>course sweep</c>: every row of the README's tweak table, run through the same machinery as
/// <c>course run</c> (a <see cref="CoursePlan"/> with each row's overrides, supervised kernel
/// processes), in one command, so the .NET runtime, the kernel and the notebooks' setup cell warm
/// once instead of once per row.
/// </summary>
public static class Sweep
{
    /// <summary>The folder under the output folder that receives one executed notebook per row.</summary>
    public const string Folder = "sweep";

    /// <summary>The start of a lesson claim's report (<c>Lesson.Expect</c> in Autodiff.Plotting).</summary>
    public const string LessonMarker = "⚠ with these parameters";

    /// <summary>The help text.</summary>
    public const string Usage = """
        Runs each row of the table "Tweaks that are tested" (notebooks/README.md) as one run of its
        notebook with its --set values, in one command, and prints a table of the rows.

        usage: dotnet run --project src/Autodiff.Course -- sweep [NOTEBOOK...] [options]

          NOTEBOOK               run only the rows of these notebooks (a path, a file name or a prefix: "03")
          --output DIR           where sweep/ goes, one executed notebook per row (default: artifacts/)
          --table FILE           the README with the table (default: README.md in the notebooks folder)
          --notebooks DIR        the folder of notebooks (default: notebooks/ in the repository)
          --jobs N               kernel processes that run rows side by side (default: 1)
          --cell-timeout SEC     time limit of a code cell (default: 120)
          --setup-timeout SEC    time limit of the first code cell and of #r "nuget:" cells (default: 600)

        exit codes: 0 every row passed with no error output and nothing on stderr, 1 a row did not,
        2 bad command line or table (nothing ran)
        """;

    /// <summary>Turns the arguments after <c>sweep</c> into options.</summary>
    /// <exception cref="ArgumentException">An unknown option, a missing value, a notebook that does not exist.</exception>
    public static SweepOptions Parse(string[] args, string currentDirectory)
    {
        var selected = new List<string>();
        string? output = null, table = null, notebooks = null;
        var cells = new RunOptions();
        var jobs = 1;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            switch (arg)
            {
                case "--output" or "-o":
                    output = Value();
                    break;
                case "--table":
                    table = Value();
                    break;
                case "--notebooks":
                    notebooks = Value();
                    break;
                case "--jobs":
                    var value = Value();
                    jobs = int.TryParse(value, out var n) && n is >= 1 and <= 16
                        ? n
                        : throw new ArgumentException($"--jobs expects a whole number from 1 to 16, got '{value}'");
                    break;
                case "--cell-timeout":
                    cells = cells with { CellTimeout = CommandLine.Seconds(arg, Value()) };
                    break;
                case "--setup-timeout":
                    cells = cells with { SetupTimeout = CommandLine.Seconds(arg, Value()) };
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException(arg is "--set" or "--no-site" or "--continue-on-error"
                            ? $"{arg} is an option of 'run'; a sweep takes its --set values from the table and always runs every row"
                            : $"unknown option '{arg}'");
                    }
                    selected.Add(arg);
                    break;
            }
        }

        var root = CommandLine.FindRepositoryRoot(currentDirectory);
        notebooks = Path.GetFullPath(notebooks ?? Path.Combine(root ?? currentDirectory, "notebooks"), currentDirectory);
        table = Path.GetFullPath(table ?? Path.Combine(notebooks, "README.md"), currentDirectory);
        if (!File.Exists(table))
        {
            throw new ArgumentException($"--table {table}: no such file");
        }
        return new SweepOptions(
            table,
            notebooks,
            selected.Select(s => CommandLine.Resolve(s, notebooks, currentDirectory)).ToList(),
            Path.GetFullPath(output ?? Path.Combine(root ?? currentDirectory, "artifacts"), currentDirectory),
            cells,
            jobs);
    }

    /// <summary>
    /// Reads the table, keeps the selected notebooks' rows, and checks every row's <c>--set</c> values
    /// as <c>course run</c> does; nothing runs.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, a row's notebook or setting that does not exist or does not compile (the message names the row), an output folder that cannot be written.</exception>
    public static (CoursePlan Plan, IReadOnlyList<TweakTable.Tweak> Rows) Prepare(SweepOptions options)
    {
        var all = TweakTable.Read(options.Table);
        if (all.Count == 0)
        {
            throw new ArgumentException($"{options.Table} has no rows under \"{TweakTable.Section}\"");
        }

        var rows = new List<TweakTable.Tweak>();
        var planned = new List<PlannedNotebook>();
        var files = new Dictionary<string, NotebookFile>();
        foreach (var row in all)
        {
            try
            {
                var path = CommandLine.Resolve(row.Notebook, options.Notebooks, options.Notebooks);
                if (options.Selected.Count > 0 && !options.Selected.Contains(path))
                {
                    continue;
                }
                if (!files.TryGetValue(path, out var file))
                {
                    files[path] = file = CourseRunner.Read(path);   // a notebook with many rows is parsed once
                }
                if (file.Problem is { } problem)
                {
                    throw new ArgumentException(problem);
                }
                var parameters = row.Parameters;
                CourseRunner.SplitParameters([file], parameters); // an unknown name
                ParameterCheck.ThrowIfInvalid(path, file.Document!, parameters);
                rows.Add(row);
                planned.Add(new PlannedNotebook(path, parameters, Problem: null, row.ExecutedName(path)) { Document = file.Document });
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{Path.GetFileName(options.Table)}, tweak row {row.Row} ({row}): {e.Message}", e);
            }
        }
        foreach (var notebook in options.Selected.Where(s => !planned.Any(p => p.Path == s)))
        {
            throw new ArgumentException($"{Path.GetFileName(options.Table)} has no tweak rows for {Path.GetFileName(notebook)}");
        }

        var course = new CourseOptions
        {
            Notebooks = planned.Select(p => p.Path).ToList(),
            OutputDirectory = options.OutputDirectory,
            ContinueOnError = true, // the rows are independent experiments
            RenderSite = false,
            Cells = options.Cells,
            ExecutedFolder = Folder,
        };
        OutputDirectoryException.ThrowIfNotWritable(course.OutputDirectory, Folder);
        return (new CoursePlan(course, planned), rows);
    }

    /// <summary>Runs a checked sweep and writes its table to <paramref name="log"/>.</summary>
    /// <param name="jobs">Kernel processes side by side; each takes every <paramref name="jobs"/>-th row.</param>
    public static async Task<IReadOnlyList<SweepRow>> RunAsync(CoursePlan plan, IReadOnlyList<TweakTable.Tweak> rows, int jobs, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        jobs = Math.Clamp(jobs, 1, Math.Max(1, plan.Notebooks.Count));
        var shares = Enumerable.Range(0, jobs)
            .Select(j => Enumerable.Range(0, plan.Notebooks.Count).Where(i => i % jobs == j).ToList())
            .ToList();
        var runs = await Task.WhenAll(shares.Select(share =>
            CourseRunner.ExecuteAsync(plan with { Notebooks = share.Select(i => plan.Notebooks[i]).ToList() }, log)));

        var results = new NotebookResult?[plan.Notebooks.Count];
        for (var j = 0; j < jobs; j++)
        {
            for (var k = 0; k < runs[j].Notebooks.Count; k++)
            {
                results[shares[j][k]] = runs[j].Notebooks[k];
            }
        }

        var executed = Path.Combine(plan.Options.OutputDirectory, Folder);
        var swept = rows.Select((row, i) => Describe(row, Path.Combine(executed, plan.Notebooks[i].ExecutedName), results[i])).ToList();
        WriteTable(swept, clock.Elapsed, executed, log);
        return swept;
    }

    /// <summary>A row's outcome, read from its executed notebook's outputs.</summary>
    private static SweepRow Describe(TweakTable.Tweak row, string executedPath, NotebookResult? result)
    {
        var errors = new List<string>();
        var stderr = new List<string>();
        var lessons = new List<string>();
        if (result is not null)
        {
            var number = 0;
            foreach (var cell in result.Document.Elements)
            {
                var label = Parameters.HasTag(cell, Parameters.InjectedTag) ? "parameters*" : $"cell {++number}";
                foreach (var output in cell.Outputs)
                {
                    switch (output)
                    {
                        case ErrorElement error:
                            errors.Add($"{label}: {error.ErrorName}: {error.ErrorValue}");
                            break;
                        case TextElement { Name: "stderr" } text when text.Text.Trim().Length > 0:
                            stderr.Add($"{label}: {text.Text.Trim()}");
                            break;
                        case TextElement text:
                            lessons.AddRange(text.Text.Split('\n')
                                .Select(l => l.Trim())
                                .Where(l => l.StartsWith(LessonMarker, StringComparison.Ordinal)));
                            break;
                    }
                }
            }
        }
        return new SweepRow(row, executedPath, result, errors, stderr, lessons);
    }

    private static void WriteTable(IReadOnlyList<SweepRow> rows, TimeSpan elapsed, string executed, TextWriter log)
    {
        var tweakWidth = Math.Max("tweak".Length, rows.Select(r => r.Tweak.ToString().Length).DefaultIfEmpty(0).Max());
        var statusWidth = Math.Max("status".Length, rows.Select(r => r.Status.Length).DefaultIfEmpty(0).Max());
        log.WriteLine();
        log.WriteLine($"row  {"tweak".PadRight(tweakWidth)}  {"status".PadRight(statusWidth)}  seconds  ⚠  first ⚠ line");
        log.WriteLine($"---  {new string('-', tweakWidth)}  {new string('-', statusWidth)}  -------  --  {new string('-', 13)}");
        foreach (var row in rows)
        {
            var seconds = row.Result is null ? "-" : $"{row.Result.Elapsed.TotalSeconds:0.0}";
            var first = row.Lessons.Count == 0 ? "" : Shorten(row.Lessons[0][LessonMarker.Length..].TrimStart(':', ' '), 100);
            log.WriteLine($"{row.Tweak.Row,3}  {row.Tweak.ToString().PadRight(tweakWidth)}  {row.Status.PadRight(statusWidth)}  {seconds,7}  {row.Lessons.Count,2}  {first}");
        }
        log.WriteLine($"{rows.Count(r => r.Passed)} of {rows.Count} rows passed in {elapsed.TotalSeconds:0.0} s");

        foreach (var row in rows.Where(r => !r.Passed))
        {
            log.WriteLine();
            log.WriteLine($"FAILED row {row.Tweak.Row} ({row.Tweak}): " + (row.Result is null ? "not run"
                : row.Result.FailureMessage ?? string.Join(Environment.NewLine, row.Errors.Concat(row.Stderr))));
        }
        log.WriteLine();
        log.WriteLine($"Executed notebooks: {executed}");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
