using System.Diagnostics;
using Autodiff.Course.Site;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Autodiff.Course;

/// <summary>What <c>course run</c> was asked to do.</summary>
public sealed record CourseOptions
{
    /// <summary>The notebooks to run, in order.</summary>
    public required IReadOnlyList<string> Notebooks { get; init; }

    /// <summary>Receives <c>executed/</c> and <c>site/</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary><c>--set</c> overrides; each goes to the notebooks whose parameters cell declares it.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Run the remaining notebooks after one fails.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Render the static site.</summary>
    public bool RenderSite { get; init; } = true;

    /// <summary>Per-cell time limits.</summary>
    public RunOptions Cells { get; init; } = new();

    /// <summary>The folder under <see cref="OutputDirectory"/> that receives the executed notebooks.</summary>
    public string ExecutedFolder { get; init; } = "executed";
}

/// <summary>What a course run did.</summary>
public sealed record CourseResult(IReadOnlyList<NotebookResult> Notebooks, IReadOnlyList<string> NotRun, TimeSpan Elapsed)
{
    /// <summary>True when every notebook ran and passed.</summary>
    public bool Succeeded => NotRun.Count == 0 && Notebooks.All(n => n.Succeeded);
}

/// <summary>A course run, checked: each notebook with its overrides, or why it cannot be read.</summary>
public sealed record CoursePlan(CourseOptions Options, IReadOnlyList<PlannedNotebook> Notebooks);

/// <summary>A notebook of a <see cref="CoursePlan"/>.</summary>
/// <param name="Problem">Why the file cannot be run (not a notebook, unreadable), or null.</param>
/// <param name="OutputName">The executed copy's file name; null: the notebook's own (a sweep runs one notebook many times).</param>
public sealed record PlannedNotebook(string Path, IReadOnlyDictionary<string, string> Parameters, string? Problem, string? OutputName = null)
{
    /// <summary>The executed copy's file name.</summary>
    public string ExecutedName => OutputName ?? System.IO.Path.GetFileName(Path);

    /// <summary>
    /// The notebook as the plan read it (null when there is a <see cref="Problem"/>): the run reports the cells of
    /// this document, so the file is parsed once, when the plan is made.
    /// </summary>
    public InteractiveDocument? Document { get; init; }
}

/// <summary>A notebook file as read: its document, or why it cannot be run.</summary>
internal readonly record struct NotebookFile(string Path, InteractiveDocument? Document, string? Problem);

/// <summary>
/// Runs notebooks one after the other, each in a kernel process of its own (see
/// <see cref="KernelSupervisor"/>), writes the executed copies and the site, and reports.
/// </summary>
public static class CourseRunner
{
    /// <summary>Checks everything a run needs before anything runs.</summary>
    /// <exception cref="UnknownParameterException">A <c>--set</c> name that no selected notebook declares.</exception>
    /// <exception cref="ParameterValueException">A <c>--set</c> value that does not compile against its parameters cell.</exception>
    /// <exception cref="OutputDirectoryException">The output folder cannot be written.</exception>
    public static CoursePlan Prepare(CourseOptions options)
    {
        var files = options.Notebooks.Select(Read).ToList();
        var perNotebook = SplitParameters(files, options.Parameters);
        var planned = new List<PlannedNotebook>();
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Document is { } document)
            {
                ParameterCheck.ThrowIfInvalid(files[i].Path, document, perNotebook[i]);
            }
            planned.Add(new PlannedNotebook(files[i].Path, perNotebook[i], files[i].Problem) { Document = files[i].Document });
        }

        OutputDirectoryException.ThrowIfNotWritable(options.OutputDirectory, options.ExecutedFolder);
        if (options.RenderSite)
        {
            OutputDirectoryException.ThrowIfNotWritable(options.OutputDirectory, "site");
        }
        return new CoursePlan(options, planned);
    }

    /// <summary>Runs the course.</summary>
    /// <exception cref="ArgumentException">What <see cref="Prepare"/> throws; nothing has run.</exception>
    public static Task<CourseResult> RunAsync(CourseOptions options, TextWriter log) => RunAsync(Prepare(options), log);

    /// <summary>Runs a checked course: the notebooks, the site, the summary.</summary>
    public static async Task<CourseResult> RunAsync(CoursePlan plan, TextWriter log)
    {
        var course = await ExecuteAsync(plan, log);
        if (plan.Options.RenderSite)
        {
            SiteRenderer.Render(course.Notebooks, Path.Combine(plan.Options.OutputDirectory, "site"));
        }
        WriteSummary(course, plan.Options, log);
        return course;
    }

    /// <summary>
    /// Runs the notebooks of a checked plan in supervised kernel processes and writes each executed
    /// copy; no site, no summary. The results are in the plan's order, one per notebook that ran.
    /// </summary>
    public static async Task<CourseResult> ExecuteAsync(CoursePlan plan, TextWriter log)
    {
        var options = plan.Options;
        var executedDirectory = Path.Combine(options.OutputDirectory, options.ExecutedFolder);
        Directory.CreateDirectory(executedDirectory);

        var clock = Stopwatch.StartNew();
        var results = new List<NotebookResult>();
        var notRun = new List<string>();
        var total = plan.Notebooks.Count;

        void Finished(NotebookResult result)
        {
            // Notebooks finish in the plan's order, each once.
            var name = plan.Notebooks[results.Count].ExecutedName;
            results.Add(result);
            if (result.NotebookError is null)
            {
                // Written even when a cell failed: the outputs up to the failure are what one needs to see.
                File.WriteAllText(Path.Combine(executedDirectory, name), result.Document.ToJupyterJson());
            }
            log.WriteLine(result.Succeeded
                ? $"  {name}: passed in {result.Elapsed.TotalSeconds:0.0} s (total {clock.Elapsed.TotalSeconds:0.0} s)"
                : $"  FAILED {result.FailureMessage}");
        }

        var next = 0;
        while (next < total)
        {
            if (results.Count > 0 && !results[^1].Succeeded && !options.ContinueOnError)
            {
                notRun.AddRange(plan.Notebooks.Skip(next).Select(n => Path.GetFileName(n.Path)));
                break;
            }

            var planned = plan.Notebooks[next];
            if (planned.Problem is { } problem)
            {
                log.WriteLine($"[{next + 1}/{total}] {Path.GetFileName(planned.Path)}");
                Finished(NotebookResult.NotRunnable(planned.Path, problem, "not a notebook"));
                next++;
                continue;
            }

            // The readable notebooks from here on go to one kernel process; it stops early after
            // a failure (unless continuing), a timed-out cell, or when a cell ends it.
            var batch = plan.Notebooks
                .Select((n, i) => (Notebook: n, Index: i))
                .Skip(next)
                .TakeWhile(n => n.Notebook.Problem is null)
                .Select(n => (Job: new KernelJobNotebook(n.Index, n.Notebook.Path, n.Notebook.Parameters),
                    Document: n.Notebook.Document ?? NotebookRunner.Load(n.Notebook.Path)))
                .ToList();
            var outcome = await KernelSupervisor.RunAsync(batch, total, options, log, Finished);
            if (outcome.Finished.Count == 0)
            {
                // The process ended before it started the notebook: report it, and do not try again forever.
                log.WriteLine($"[{next + 1}/{total}] {Path.GetFileName(batch[0].Job.Path)}");
                Finished(NotebookResult.NotRunnable(batch[0].Job.Path,
                    $"{Path.GetFileName(batch[0].Job.Path)}: the kernel process ended before the notebook started", "not started"));
                next++;
                continue;
            }
            next += outcome.Finished.Count;
        }

        return new CourseResult(results, notRun, clock.Elapsed);
    }

    /// <summary>Reads and parses a notebook file, once; a file that cannot be run gives its problem instead.</summary>
    internal static NotebookFile Read(string path)
    {
        try
        {
            return new NotebookFile(path, NotebookRunner.Load(path), Problem: null);
        }
        catch (NotebookFormatException e)
        {
            return new NotebookFile(path, Document: null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new NotebookFile(path, Document: null, $"{Path.GetFileName(path)} cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Gives each notebook the overrides its parameters cell declares. A name that no notebook
    /// declares is an error, raised before anything runs.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> SplitParameters(
        IReadOnlyList<string> notebooks, IReadOnlyDictionary<string, string> overrides) =>
        SplitParameters(notebooks.Select(Read).ToList(), overrides);

    internal static IReadOnlyList<IReadOnlyDictionary<string, string>> SplitParameters(
        IReadOnlyList<NotebookFile> notebooks, IReadOnlyDictionary<string, string> overrides)
    {
        var declared = notebooks.Select(file =>
        {
            // A file that is not a notebook declares nothing; the run reports it by name.
            var document = file.Document ?? new InteractiveDocument();
            var index = Parameters.FindCell(document);
            return (file.Path, HasCell: index >= 0, Names: index < 0
                ? new HashSet<string>()
                : Parameters.Declared(document.Elements[index].Contents).Select(d => d.Name).ToHashSet());
        }).ToList();

        foreach (var name in overrides.Keys)
        {
            if (!declared.Any(d => d.Names.Contains(name)))
            {
                var where = notebooks.Count == 1 ? Path.GetFileName(notebooks[0].Path) : $"{notebooks.Count} notebooks";
                var known = declared.SelectMany(d => d.Names).Distinct().Order().ToList();
                throw new UnknownParameterException(where, name, known, declared.Any(d => d.HasCell));
            }
        }

        return declared
            .Select(d => (IReadOnlyDictionary<string, string>)overrides
                .Where(o => d.Names.Contains(o.Key))
                .ToDictionary(o => o.Key, o => o.Value))
            .ToList();
    }

    private static void WriteSummary(CourseResult course, CourseOptions options, TextWriter log)
    {
        var rows = course.Notebooks
            .Select(n => (
                Name: n.Name,
                Cells: $"{n.Cells.Count(c => c.Status == CellStatus.Passed)}/{n.Cells.Count}",
                Seconds: $"{n.Elapsed.TotalSeconds:0.0}",
                Status: n.Succeeded ? "passed" : "FAILED" + n.Status["failed".Length..]))
            .Concat(course.NotRun.Select(name => (Name: name, Cells: "-", Seconds: "-", Status: "not run")))
            .ToList();
        var width = Math.Max("notebook".Length, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());

        log.WriteLine();
        log.WriteLine($"{"notebook".PadRight(width)}  {"cells",7}  {"seconds",8}  status");
        log.WriteLine($"{new string('-', width)}  {new string('-', 7)}  {new string('-', 8)}  {new string('-', 16)}");
        foreach (var row in rows)
        {
            log.WriteLine($"{row.Name.PadRight(width)}  {row.Cells,7}  {row.Seconds,8}  {row.Status}");
        }
        log.WriteLine($"{course.Notebooks.Count(n => n.Succeeded)} of {course.Notebooks.Count + course.NotRun.Count} notebooks passed in {course.Elapsed.TotalSeconds:0.0} s");

        foreach (var failed in course.Notebooks.Where(n => !n.Succeeded))
        {
            log.WriteLine();
            log.WriteLine($"FAILED {failed.FailureMessage}");
        }
        if (course.NotRun.Count > 0)
        {
            log.WriteLine($"Not run after the failure: {string.Join(", ", course.NotRun)} (use --continue-on-error to run them).");
        }

        log.WriteLine();
        log.WriteLine($"Executed notebooks: {Path.Combine(options.OutputDirectory, options.ExecutedFolder)}");
        if (options.RenderSite)
        {
            log.WriteLine($"Site: {Path.Combine(options.OutputDirectory, "site", "index.html")}");
        }
    }
}
