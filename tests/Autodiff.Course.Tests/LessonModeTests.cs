using Microsoft.DotNet.Interactive.Documents;

namespace Autodiff.Course.Tests;

/// <summary>
/// The runner makes lesson claims strict when it runs a notebook with its own parameters, and lenient with
/// <c>--set</c> (the fixture prints the switch that <c>Autodiff.Plotting.Lesson</c> reads).
/// </summary>
public sealed class LessonModeTests
{
    /// <summary>The variable <c>Autodiff.Plotting.Lesson.StrictVariable</c> reads.</summary>
    private const string Variable = "AUTODIFF_STRICT_LESSONS";

    [Fact]
    public async Task WithoutOverrides_LessonClaimsAreStrict_AndTheCallersSwitchIsRestored()
    {
        Environment.SetEnvironmentVariable(Variable, null);

        Assert.Equal("1", await SwitchSeenBy(new RunOptions()));
        Assert.Null(Environment.GetEnvironmentVariable(Variable));
    }

    [Fact]
    public async Task WithOverrides_LessonClaimsReport()
    {
        Environment.SetEnvironmentVariable(Variable, "1");
        try
        {
            Assert.Equal("0", await SwitchSeenBy(new RunOptions { Parameters = new Dictionary<string, string> { ["learningRate"] = "0.5" } }));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    [Fact]
    public async Task TheCallerMayTurnStrictnessOff_ForANotebookEditedByHand()
    {
        Environment.SetEnvironmentVariable(Variable, "0");
        try
        {
            Assert.Equal("0", await SwitchSeenBy(new RunOptions()));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    private static async Task<string> SwitchSeenBy(RunOptions options)
    {
        var result = await NotebookRunner.RunAsync(Path.Combine(Path.GetDirectoryName(Repo.Fixture("lesson-mode"))!, "Claims", "lesson-mode.ipynb"), options);
        Assert.True(result.Succeeded, result.FailureMessage);
        var last = result.Document.Elements.Last(NotebookRunner.IsCode);
        return NotebookRunnerTests.Text(Assert.IsType<ReturnValueElement>(Assert.Single(last.Outputs))).Trim('"');
    }
}
