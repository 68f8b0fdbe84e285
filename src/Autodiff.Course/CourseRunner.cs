using System.Diagnostics;
using Autodiff.Course.Site;
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
}

/// <summary>What a course run did.</summary>
public sealed record CourseResult(IReadOnlyList<NotebookResult> Notebooks, IReadOnlyList<string> NotRun, TimeSpan Elapsed)
{
    /// <summary>True when every notebook ran and passed.</summary>
    public bool Succeeded => NotRun.Count == 0 && Notebooks.All(n => n.Succeeded);
}

/// <summary>Runs notebooks one after the other, writes the executed copies and the site, and reports.</summary>
public static class CourseRunner
{
    /// <summary>Runs the course.</summary>
    /// <exception cref="UnknownParameterException">A <c>--set</c> name that no selected notebook declares; nothing has run.</exception>
    public static async Task<CourseResult> RunAsync(CourseOptions options, TextWriter log)
    {
        var perNotebook = SplitParameters(options.Notebooks, options.Parameters);
        var executedDirectory = Path.Combine(options.OutputDirectory, "executed");
        Directory.CreateDirectory(executedDirectory);

        var clock = Stopwatch.StartNew();
        var results = new List<NotebookResult>();
        var notRun = new List<string>();
        for (var i = 0; i < options.Notebooks.Count; i++)
        {
            var path = options.Notebooks[i];
            var name = Path.GetFileNameWithoutExtension(path);
            if (results.Count > 0 && !results[^1].Succeeded && !options.ContinueOnError)
            {
                notRun.Add(Path.GetFileName(path));
                continue;
            }

            log.WriteLine($"[{i + 1}/{options.Notebooks.Count}] {Path.GetFileName(path)}");
            var result = await NotebookRunner.RunAsync(path, options.Cells with
            {
                Parameters = perNotebook[i],
                Log = log,
                LogPrefix = $"  [{i + 1}/{options.Notebooks.Count} {name}]",
            });
            results.Add(result);

            // Written even when a cell failed: the outputs up to the failure are what one needs to see.
            await File.WriteAllTextAsync(Path.Combine(executedDirectory, result.Name), result.Document.ToJupyterJson());
            log.WriteLine(result.Succeeded
                ? $"  {result.Name}: passed in {result.Elapsed.TotalSeconds:0.0} s (total {clock.Elapsed.TotalSeconds:0.0} s)"
                : $"  FAILED {result.FailureMessage}");
        }

        if (options.RenderSite)
        {
            SiteRenderer.Render(results, Path.Combine(options.OutputDirectory, "site"));
        }

        var course = new CourseResult(results, notRun, clock.Elapsed);
        WriteSummary(course, options, log);
        return course;
    }

    /// <summary>
    /// Gives each notebook the overrides its parameters cell declares. A name that no notebook
    /// declares is an error, raised before anything runs.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> SplitParameters(
        IReadOnlyList<string> notebooks, IReadOnlyDictionary<string, string> overrides)
    {
        var declared = notebooks.Select(path =>
        {
            var document = NotebookRunner.Load(path);
            var index = Parameters.FindCell(document);
            return (Path: path, HasCell: index >= 0, Names: index < 0
                ? new HashSet<string>()
                : Parameters.Declared(document.Elements[index].Contents).Select(d => d.Name).ToHashSet());
        }).ToList();

        foreach (var name in overrides.Keys)
        {
            if (!declared.Any(d => d.Names.Contains(name)))
            {
                var where = notebooks.Count == 1 ? Path.GetFileName(notebooks[0]) : $"{notebooks.Count} notebooks";
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
                Status: n.Succeeded ? "passed" : $"FAILED at cell {(n.FailedCell!.IsInjectedParameters ? "parameters*" : n.FailedCell.Number.ToString())}"))
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
        log.WriteLine($"Executed notebooks: {Path.Combine(options.OutputDirectory, "executed")}");
        if (options.RenderSite)
        {
            log.WriteLine($"Site: {Path.Combine(options.OutputDirectory, "site", "index.html")}");
        }
    }
}
