using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>The course command: its options, and the real program run as a process.</summary>
public sealed class CommandLineTests(ITestOutputHelper output)
{
    private static string FixtureFolder => Path.GetDirectoryName(Repo.Fixture("passing"))!;

    [Fact]
    public void Parse_Defaults_EveryNotebookInNameOrder_IntoArtifacts()
    {
        var options = CommandLine.Parse(["--notebooks", FixtureFolder], Repo.Root);

        Assert.Equal(
            ["chart.ipynb", "compile-error.ipynb", "infinite-loop.ipynb", "parameters.ipynb", "passing.ipynb", "throwing.ipynb"],
            options.Notebooks.Select(Path.GetFileName));
        Assert.Equal(Path.Combine(Repo.Root, "artifacts"), options.OutputDirectory);
        Assert.False(options.ContinueOnError);
        Assert.True(options.RenderSite);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Cells.CellTimeout);
    }

    [Fact]
    public void Parse_AllOptions()
    {
        var options = CommandLine.Parse(
            ["pass", "--notebooks", FixtureFolder, "--set", "learningRate=0.1", "--set", "name=a=b", "--output", "out",
             "--continue-on-error", "--cell-timeout", "5", "--setup-timeout", "60.5", "--no-site"],
            Repo.Root);

        Assert.Equal(Repo.Fixture("passing"), Assert.Single(options.Notebooks));
        Assert.Equal("0.1", options.Parameters["learningRate"]);
        Assert.Equal("a=b", options.Parameters["name"]);
        Assert.Equal(Path.Combine(Repo.Root, "out"), options.OutputDirectory);
        Assert.True(options.ContinueOnError);
        Assert.False(options.RenderSite);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Cells.CellTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60.5), options.Cells.SetupTimeout);
    }

    [Theory]
    [InlineData("--frobnicate", "unknown option '--frobnicate'")]
    [InlineData("--set", "--set needs a value")]
    [InlineData("--set=1", "unknown option")]
    [InlineData("nosuchnotebook", "no notebook 'nosuchnotebook'")]
    [InlineData("p", "'p' matches 2 notebooks: parameters.ipynb, passing.ipynb")]
    [InlineData("--cell-timeout", "--cell-timeout needs a value")]
    public void Parse_BadArguments_SayWhatIsWrong(string argument, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => CommandLine.Parse(["--notebooks", FixtureFolder, argument], Repo.Root));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_SetWithoutEquals_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--set", "learningRate"], Repo.Root));
        Assert.Contains("NAME=VALUE", error.Message);
    }

    [Fact]
    public async Task UnknownParameter_ExitsWithUsageError_BeforeRunningAnything()
    {
        var output = Repo.NewTempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(
            ["run", Repo.Fixture("parameters"), Repo.Fixture("passing"), "--set", "momentum=0.9", "--output", output],
            stdout, stderr);

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains("unknown parameter 'momentum'", stderr.ToString());
        Assert.Contains("learningRate, optimizer, steps", stderr.ToString());
        Assert.False(Directory.Exists(Path.Combine(output, "executed")) && Directory.EnumerateFiles(Path.Combine(output, "executed")).Any());
    }

    [Fact]
    public void SplitParameters_GivesEachNotebookOnlyTheNamesItDeclares()
    {
        var split = CourseRunner.SplitParameters(
            [Repo.Fixture("parameters"), Repo.Fixture("chart"), Repo.Fixture("passing")],
            new Dictionary<string, string> { ["learningRate"] = "0.2", ["steps"] = "7" });

        Assert.Equal(new Dictionary<string, string> { ["learningRate"] = "0.2", ["steps"] = "7" }, split[0]);
        Assert.Equal(new Dictionary<string, string> { ["steps"] = "7" }, split[1]);
        Assert.Empty(split[2]);
    }

    /// <summary>
    /// The whole program, as a process: an infinite loop hits the cell time limit, the failure names
    /// notebook, cell, first line and error, what ran before is still written, and the exit code is 1.
    /// A process, because a tight loop ignores cancellation and keeps its thread until the process ends.
    /// </summary>
    [Fact]
    public void InfiniteLoop_TimesOut_ExitCodeOne_AndOutputsBeforeItAreWritten()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Processes.Run(
            "dotnet",
            [Repo.CourseDll, "run", Repo.Fixture("infinite-loop"), Repo.Fixture("passing"), "--output", artifacts, "--cell-timeout", "3"],
            Repo.Root,
            TimeSpan.FromMinutes(3));
        output.WriteLine(run.Output);

        Assert.False(run.TimedOut, "the course command itself hung");
        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Contains("infinite-loop.ipynb: cell 3 of 4 timed out (first line: Console.WriteLine(\"looping\");)", run.Output);
        Assert.Contains("Cell timed out after 3 s", run.Output);
        Assert.Matches(@"infinite-loop\.ipynb\s+1/3\s+[\d.]+\s+FAILED at cell 3", run.Output);
        Assert.Matches(@"passing\.ipynb\s+-\s+-\s+not run", run.Output);
        Assert.Contains("--continue-on-error", run.Output);

        var executed = NotebookRunner.Load(Path.Combine(artifacts, "executed", "infinite-loop.ipynb"));
        var code = executed.Elements.Where(NotebookRunner.IsCode).ToList();
        Assert.Equal("before the loop\n", Assert.IsType<TextElement>(Assert.Single(code[0].Outputs)).Text);
        Assert.Equal("looping\n", Assert.IsType<TextElement>(code[1].Outputs[0]).Text);
        Assert.Contains("timed out", Assert.IsType<ErrorElement>(code[1].Outputs[^1]).ErrorValue);
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "infinite-loop.html")));
        Assert.False(File.Exists(Path.Combine(artifacts, "executed", "passing.ipynb")));
    }

    [Fact]
    public void ContinueOnError_RunsTheRest_ThenExitsOne()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Processes.Run(
            "dotnet",
            [Repo.CourseDll, "run", Repo.Fixture("throwing"), Repo.Fixture("passing"), "--output", artifacts, "--continue-on-error", "--no-site"],
            Repo.Root,
            TimeSpan.FromMinutes(3));
        output.WriteLine(run.Output);

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Contains("[1/2] throwing.ipynb", run.Output);
        Assert.Contains("[2/2] passing.ipynb", run.Output);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        Assert.Contains("1 of 2 notebooks passed", run.Output);
        Assert.Contains("FAILED throwing.ipynb: cell 3 of 4 failed (first line: var x = 1;)", run.Output);
        Assert.True(File.Exists(Path.Combine(artifacts, "executed", "passing.ipynb")));
        Assert.False(Directory.Exists(Path.Combine(artifacts, "site")));
    }

    [Fact]
    public void PassingRun_ExitsZero_WithProgressAndSummary()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Processes.Run(
            "dotnet",
            [Repo.CourseDll, "run", Repo.Fixture("parameters"), "--set", "steps=9", "--output", artifacts],
            Repo.Root,
            TimeSpan.FromMinutes(3));
        output.WriteLine(run.Output);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\[1/1 parameters\] cell 2/3 +ok +[\d.]+ s +\(elapsed [\d.]+ s\)", run.Output);
        Assert.Contains("[1/1 parameters] parameters*", run.Output);
        Assert.Matches(@"parameters\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        var executed = NotebookRunner.Load(Path.Combine(artifacts, "executed", "parameters.ipynb"));
        Assert.Contains("0.01|9|sgd", NotebookRunnerTests.Text(Assert.IsType<ReturnValueElement>(executed.Elements[^1].Outputs.Single())));
        Assert.True(File.Exists(Path.Combine(artifacts, "site", "index.html")));
    }

    [Fact]
    public async Task Help_PrintsUsage()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await CommandLine.RunAsync(["--help"], stdout, new StringWriter()));
        Assert.Contains("dotnet run --project src/Autodiff.Course -- run", stdout.ToString());
    }
}
