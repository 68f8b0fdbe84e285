using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// Jupyter as a first-class client: every notebooks/*.ipynb executed by <c>jupyter nbconvert --execute</c> with the
/// .NET kernel (dotnet-interactive from the repository's tool manifest), then exported to HTML and opened offline.
/// </summary>
public sealed class JupyterNotebooksTests(ITestOutputHelper output)
{
    /// <summary>All notebooks in one nbconvert process, once for every test of this class.</summary>
    private static readonly Lazy<Jupyter.Run> Course = new(() => Jupyter.Execute(CommandLine.AllNotebooks(Repo.Notebooks)));

    public static TheoryData<string> Notebooks() => CourseNotebooksTests.Notebooks();

    [JupyterTheory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsInJupyter_WithNoErrorOrWarningOutput(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet)
        {
            Assert.Empty(CommandLine.AllNotebooks(Repo.Notebooks));
            return;
        }

        var executed = Executed(notebook);
        // Error outputs, and stderr streams: compiler warnings reach Jupyter that way (the runner hides them).
        var problems = Jupyter.Problems(executed);
        Assert.True(problems.Count == 0, $"{notebook} in Jupyter:\n{string.Join("\n", problems)}");
    }

    [JupyterAndChromiumTheory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_ExecutedInJupyter_DrawsEveryChartOffline_AsHtml(string notebook)
    {
        if (notebook == CourseNotebooksTests.NoNotebooksYet)
        {
            return;
        }

        var executed = Executed(notebook);
        var charts = Jupyter.ChartCount(executed);
        var html = Jupyter.ToHtml(executed);

        var dom = Chromium.DumpDom(html);

        var drawn = Regex.Count(dom, "class=\"plot-container plotly\"");
        output.WriteLine($"{notebook}: {drawn} of {charts} charts drawn offline");
        Assert.Equal(charts, drawn);
    }

    private string Executed(string notebook)
    {
        var run = Course.Value;
        output.WriteLine($"nbconvert --execute, all notebooks in one process: {run.Elapsed.TotalSeconds:F1} s");
        var executed = Path.Combine(run.Directory, notebook);
        Assert.True(File.Exists(executed), $"nbconvert wrote no {notebook} (exit ok: {run.Succeeded}):\n{run.Log}");
        return executed;
    }
}
