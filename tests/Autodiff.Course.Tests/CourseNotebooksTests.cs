using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// Every notebooks/*.ipynb, found when the tests run (a new notebook is tested without editing
/// this file), executed in-process by the runner and in the stock kernel.
/// </summary>
public sealed class CourseNotebooksTests(ITestOutputHelper output)
{
    /// <summary>
    /// Stands in for the notebooks while notebooks/ has none: xunit 2 fails a theory without data,
    /// and an empty course must still say so in the test list rather than vanish from it.
    /// </summary>
    public const string NoNotebooksYet = "(no notebooks yet)";

    public static TheoryData<string> Notebooks()
    {
        var names = CommandLine.AllNotebooks(Repo.Notebooks).Select(Path.GetFileName).ToList();
        return names.Count > 0 ? new TheoryData<string>(names!) : new TheoryData<string>(NoNotebooksYet);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsToTheEnd_InTheCourseRunner(string notebook)
    {
        if (notebook == NoNotebooksYet)
        {
            Assert.Empty(CommandLine.AllNotebooks(Repo.Notebooks));
            return;
        }

        var (result, log) = await RunnerRuns.Get(notebook);
        output.WriteLine(log);

        Assert.True(result.Succeeded, result.FailureMessage);
        // The runner keeps compiler warnings and Console.Error as stderr outputs, as Jupyter shows them: a course notebook has none.
        var stderr = result.Document.Elements
            .Select((cell, i) => (Number: i + 1, Text: string.Concat(cell.Outputs.OfType<Microsoft.DotNet.Interactive.Documents.TextElement>().Where(t => t.Name == "stderr").Select(t => t.Text))))
            .Where(c => c.Text.Length > 0)
            .Select(c => $"cell {c.Number}: {c.Text.Trim()}")
            .ToList();
        Assert.True(stderr.Count == 0, $"{notebook} writes to stderr (compiler warnings or Console.Error):\n{string.Join("\n", stderr)}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_RunsToTheEnd_InTheStockKernel(string notebook)
    {
        if (notebook == NoNotebooksYet)
        {
            Assert.Empty(CommandLine.AllNotebooks(Repo.Notebooks));
            return;
        }

        var run = StockKernel.Run(Path.Combine(Repo.Notebooks, notebook));
        output.WriteLine(run.Log);

        Assert.True(run.Succeeded, run.FailureMessage);
    }

    [Fact]
    public void EveryNotebook_StartsWithTheSetupCell_ThenTheParametersCell()
    {
        var setup = SetupCell.FromReadme();
        foreach (var path in CommandLine.AllNotebooks(Repo.Notebooks))
        {
            var document = NotebookRunner.Load(path);
            var code = document.Elements.Where(NotebookRunner.IsCode).ToList();
            Assert.True(code.Count >= 2, $"{Path.GetFileName(path)} has fewer than two code cells");
            Assert.True(Normalize(code[0].Contents) == Normalize(setup),
                $"{Path.GetFileName(path)}: the first code cell is not the setup cell of notebooks/README.md");
            Assert.True(Parameters.HasTag(code[1], Parameters.Tag),
                $"{Path.GetFileName(path)}: the second code cell is not tagged \"parameters\"");
        }
    }

    [Fact]
    public void TheFixtureSetupCell_IsTheReadmeSetupCell_WithPathsFromTheFixtureFolder()
    {
        var fixture = NotebookRunner.Load(Repo.Fixture("chart")).Elements.First(NotebookRunner.IsCode).Contents;
        Assert.Equal(Normalize(SetupCell.FromReadme()), Normalize(fixture.Replace("../../../notebooks/course.dib", "course.dib")));
    }

    private static string Normalize(string code) => code.Replace("\r\n", "\n").Trim();
}

/// <summary>The setup cell as notebooks/README.md documents it.</summary>
internal static class SetupCell
{
    public static string FromReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Notebooks, "README.md")).Replace("\r\n", "\n");
        var section = readme[readme.IndexOf("## The setup cell", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return section[start..section.IndexOf("\n```", start, StringComparison.Ordinal)];
    }
}
