using Microsoft.DotNet.Interactive.Documents;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// Notebooks that end their process or are not notebooks at all, through the real command (a
/// process): the failure stays with that notebook, named with its cell, the outputs before it are
/// kept, the other notebooks run, and the exit code is 1, never a crash code.
/// </summary>
public sealed class IsolationTests(ITestOutputHelper output)
{
    /// <summary>A notebook of <c>Fixtures/Isolation</c> (a folder of its own: the command-line tests list <c>Fixtures/*.ipynb</c>).</summary>
    internal static string Fixture(string name) =>
        Path.Combine(Repo.Root, "tests", "Autodiff.Course.Tests", "Fixtures", "Isolation", name + ".ipynb");

    private Processes.Result Course(params string[] arguments)
    {
        var run = Processes.Run("dotnet", [Repo.CourseDll, "run", .. arguments], Repo.Root, TimeSpan.FromMinutes(4));
        output.WriteLine(run.Output);
        Assert.False(run.TimedOut, "the course command itself hung");
        return run;
    }

    private static List<InteractiveDocumentElement> ExecutedCode(string artifacts, string notebook) =>
        NotebookRunner.Load(Path.Combine(artifacts, "executed", notebook)).Elements.Where(NotebookRunner.IsCode).ToList();

    [Fact]
    public void CellThatExitsTheProcess_FailsItsNotebookOnly_KeepsWhatRanBefore_AndTheRestRun()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Fixture("exit"), Repo.Fixture("passing"), "--output", artifacts, "--continue-on-error");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Contains("FAILED exit.ipynb: cell 3 of 4 failed (first line: Console.WriteLine(\"exiting\");)", run.Output);
        Assert.Contains("the cell ended the process (exit code 3)", run.Output);
        Assert.Matches(@"exit\.ipynb\s+1/3\s+[\d.]+\s+FAILED at cell 3", run.Output);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        Assert.Contains("1 of 2 notebooks passed", run.Output);

        var code = ExecutedCode(artifacts, "exit.ipynb");
        Assert.Equal("before the exit\n", Assert.IsType<TextElement>(Assert.Single(code[0].Outputs)).Text);
        // What the dying cell printed before Environment.Exit is kept too (its process's exit handlers report it).
        Assert.Equal("exiting\n", Assert.IsType<TextElement>(code[1].Outputs[0]).Text);
        Assert.Contains("the cell ended the process (exit code 3)", Assert.IsType<ErrorElement>(code[1].Outputs[^1]).ErrorValue);
        Assert.Empty(code[2].Outputs);
        Assert.True(File.Exists(Path.Combine(artifacts, "executed", "passing.ipynb")));

        var page = File.ReadAllText(Path.Combine(artifacts, "site", "exit.html"));
        Assert.Contains("before the exit", page);
        Assert.Contains("the cell ended the process (exit code 3)", page);
        Assert.Contains("failed at cell 3", File.ReadAllText(Path.Combine(artifacts, "site", "index.html")));
    }

    [Fact]
    public void CellThatExitsTheProcess_WithoutContinueOnError_LaterNotebooksAreNotRun_AndTheSummaryIsWritten()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Fixture("exit"), Repo.Fixture("passing"), "--output", artifacts, "--no-site");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Matches(@"passing\.ipynb\s+-\s+-\s+not run", run.Output);
        Assert.Contains("0 of 2 notebooks passed", run.Output);
        Assert.True(File.Exists(Path.Combine(artifacts, "executed", "exit.ipynb")));
    }

    [Fact]
    public void StackOverflow_FailsItsNotebookOnly_NamingTheCell_AndTheRestRun()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Fixture("stack-overflow"), Repo.Fixture("passing"), "--output", artifacts, "--continue-on-error");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Contains("FAILED stack-overflow.ipynb: cell 2 of 3 failed (first line: int F(int n) => F(n + 1) + 1;)", run.Output);
        Assert.Contains("stack overflow in cell 2", run.Output);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);

        var code = ExecutedCode(artifacts, "stack-overflow.ipynb");
        Assert.Equal("before the overflow\n", Assert.IsType<TextElement>(Assert.Single(code[0].Outputs)).Text);
        Assert.Contains("stack overflow in cell 2", Assert.IsType<ErrorElement>(Assert.Single(code[1].Outputs)).ErrorValue);
        Assert.Contains("stack overflow in cell 2", File.ReadAllText(Path.Combine(artifacts, "site", "stack-overflow.html")));
    }

    [Fact]
    public void FilesThatAreNotNotebooks_AreReportedByName_AndSkipped_WithContinueOnError()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Fixture("not-json"), Fixture("hello"), Fixture("cells-not-a-list"), Repo.Fixture("passing"),
            "--output", artifacts, "--continue-on-error");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Contains("not-json.ipynb is not a Jupyter notebook: not valid JSON (line 1", run.Output);
        Assert.Contains("hello.ipynb is not a Jupyter notebook: the JSON has no \"cells\"", run.Output);
        Assert.Contains("cells-not-a-list.ipynb is not a Jupyter notebook: \"cells\" is a number, not a list", run.Output);
        Assert.Matches(@"hello\.ipynb\s+0/0\s+[\d.]+\s+FAILED: not a notebook", run.Output);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        Assert.Contains("1 of 4 notebooks passed", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.Contains("failed: not a notebook", File.ReadAllText(Path.Combine(artifacts, "site", "index.html")));
    }

    [Fact]
    public void FileThatIsNotANotebook_WithoutContinueOnError_StopsTheRun_WithExitOne()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Repo.Fixture("passing"), Fixture("not-json"), Repo.Fixture("throwing"), "--output", artifacts, "--no-site");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        Assert.Contains("not-json.ipynb is not a Jupyter notebook", run.Output);
        Assert.Matches(@"throwing\.ipynb\s+-\s+-\s+not run", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    /// <summary>A timed-out cell's thread may spin on: the kernel process ends after that notebook, and the next runs in a fresh one.</summary>
    [Fact]
    public void AfterATimedOutCell_TheNextNotebookRunsInAFreshKernelProcess()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Course(Repo.Fixture("infinite-loop"), Repo.Fixture("passing"), "--output", artifacts, "--continue-on-error",
            "--cell-timeout", "3", "--no-site");

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        Assert.Matches(@"infinite-loop\.ipynb\s+1/3\s+[\d.]+\s+FAILED at cell 3", run.Output);
        Assert.Matches(@"passing\.ipynb\s+3/3\s+[\d.]+\s+passed", run.Output);
        Assert.Contains("hello from stdout", Assert.IsType<TextElement>(ExecutedCode(artifacts, "passing.ipynb")[0].Outputs.Single()).Text);
    }

    [Theory]
    [InlineData("hello", "the JSON has no \"cells\"")]
    [InlineData("cells-not-a-list", "\"cells\" is a number, not a list")]
    [InlineData("not-json", "not valid JSON")]
    public async Task JsonThatIsNotANotebook_IsAnError_NotAnEmptyPass(string fixture, string problem)
    {
        var error = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(Fixture(fixture)));

        Assert.Contains($"{fixture}.ipynb is not a Jupyter notebook: {problem}", error.Message);
    }
}
