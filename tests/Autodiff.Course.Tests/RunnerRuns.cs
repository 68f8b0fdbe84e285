using System.Collections.Concurrent;

namespace Autodiff.Course.Tests;

/// <summary>
/// Each course notebook run once in the course runner (with its log) for every test that needs the runner's
/// result: CourseNotebooksTests checks the run, WebNotebooksTests compares the browser's ✓ lines and time with it.
/// The tests run one at a time, so the runner's process-wide state (current directory, formatters) is not shared.
/// </summary>
internal static class RunnerRuns
{
    public sealed record Run(NotebookResult Result, string Log);

    private static readonly ConcurrentDictionary<string, Lazy<Task<Run>>> Runs = new();

    public static Task<Run> Get(string notebook) =>
        Runs.GetOrAdd(notebook, name => new Lazy<Task<Run>>(() => RunAsync(name))).Value;

    private static async Task<Run> RunAsync(string notebook)
    {
        var log = new StringWriter();
        var result = await NotebookRunner.RunAsync(
            Path.Combine(Repo.Notebooks, notebook),
            new RunOptions { Log = TextWriter.Synchronized(log), LogPrefix = $"[{notebook}]" });
        return new Run(result, log.ToString());
    }
}
