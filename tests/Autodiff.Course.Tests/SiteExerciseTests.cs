using Autodiff.Course.Site;

namespace Autodiff.Course.Tests;

/// <summary>On the site an exercise's solution is folded away in a &lt;details&gt;, as editors fold it.</summary>
public sealed class SiteExerciseTests
{
    [Fact]
    public async Task Solution_IsFoldedInDetails_StarterAndCheckAreNot_AndEachCellSaysItsRole()
    {
        var output = Repo.NewTempDirectory();
        var course = await CourseRunner.RunAsync(
            new CourseOptions { Notebooks = [Path.Combine(Path.GetDirectoryName(Repo.Fixture("exercise"))!, "Claims", "exercise.ipynb")], OutputDirectory = output },
            new StringWriter());
        Assert.True(course.Succeeded);

        var page = File.ReadAllText(Path.Combine(output, "site", "exercise.html"));
        var details = page.IndexOf("<details class=\"solution\">", StringComparison.Ordinal);
        Assert.True(details >= 0, "no <details class=\"solution\"> on the page");
        var folded = page[details..page.IndexOf("</details>", details, StringComparison.Ordinal)];

        Assert.Contains("answer = () =&gt; 42;", folded);
        Assert.Contains("stdout\">✓ solved", folded);
        Assert.DoesNotContain("✎ Exercise 1", folded);
        Assert.DoesNotContain("stdout\">✗ not yet", folded);
        Assert.Contains("stdout\">✗ not yet", page[..details]);
        Assert.Contains("<span class=\"tag\">exercise: your code</span>", page);
        Assert.Contains("<span class=\"tag\">exercise: check</span>", page);
        Assert.Contains("<span class=\"tag\">exercise: solution</span>", folded);
        Assert.Equal(SiteRenderer.ExerciseSolutionTag, NotebookExercisesTests.Solution);
    }
}
