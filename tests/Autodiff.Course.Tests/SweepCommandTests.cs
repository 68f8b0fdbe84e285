using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// <c>course sweep</c> on a fixture table (<c>Fixtures/Sweep</c>): a row that reports a lesson, one whose cell ends
/// the kernel process, one that writes to stderr, and one after the crash; and its command-line errors.
/// </summary>
public sealed class SweepCommandTests(ITestOutputHelper output)
{
    private static string Folder => Path.Combine(Repo.Root, "tests", "Autodiff.Course.Tests", "Fixtures", "Sweep");

    [Fact]
    public void TheFixtureTable_ParsesTheRowsOfItsSectionOnly()
    {
        var rows = TweakTable.Read(Path.Combine(Folder, "README.md"));

        Assert.Equal(["tweaks steps=1", "tweaks exitCode=3", "tweaks warn=true", "tweaks steps=5"], rows.Select(r => r.ToString()));
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Row));
        Assert.Equal("row-02--tweaks--exitCode=3.ipynb", rows[1].ExecutedName("/x/tweaks.ipynb"));
    }

    [Fact]
    public void ExecutedName_KeepsSafeCharactersOnly()
    {
        var row = new TweakTable.Tweak(8, "02", ["learningRates=[0.6, 0.001]", "comparisonSteps=100"], "");

        Assert.Equal("row-08--02-gradient-descent--learningRates=_0.6_0.001,comparisonSteps=100.ipynb", row.ExecutedName("02-gradient-descent.ipynb"));
    }

    /// <summary>Through the real command: a crash fails its row only, the rows after it run in a fresh kernel process.</summary>
    [Fact]
    public void Sweep_ReportsEachRow_ACrashOrStderrFailsThatRowOnly_ExitsOne()
    {
        var artifacts = Repo.NewTempDirectory();
        var run = Processes.Run("dotnet",
            [Repo.CourseDll, "sweep", "--table", Path.Combine(Folder, "README.md"), "--notebooks", Folder, "--output", artifacts],
            Repo.Root, TimeSpan.FromMinutes(5));
        output.WriteLine(run.Output);

        Assert.Equal(CommandLine.NotebookFailed, run.ExitCode);
        var lines = run.Output.Split('\n');
        string Line(int row) => lines.Single(l => l.StartsWith($"{row,3}  tweaks ", StringComparison.Ordinal));
        Assert.Matches(@"passed +[0-9.]+ +1  1 steps are too few to see the point", Line(1));
        Assert.Contains("FAILED at cell 3", Line(2));
        Assert.Contains("stderr in cell 3", Line(3));
        Assert.Matches(@"passed +[0-9.]+ +0", Line(4));
        Assert.Contains("2 of 4 rows passed", run.Output);
        Assert.Contains("FAILED row 2 (tweaks exitCode=3): tweaks.ipynb: cell 3 of 3 failed", run.Output);
        Assert.Contains("the cell ended the process (exit code 3)", run.Output);

        var executed = Path.Combine(artifacts, Sweep.Folder);
        Assert.Equal(
            ["row-01--tweaks--steps=1.ipynb", "row-02--tweaks--exitCode=3.ipynb", "row-03--tweaks--warn=true.ipynb", "row-04--tweaks--steps=5.ipynb"],
            Directory.GetFiles(executed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var crashed = File.ReadAllText(Path.Combine(executed, "row-02--tweaks--exitCode=3.ipynb"));
        Assert.Contains("exiting", crashed);
        Assert.Contains("the cell ended the process (exit code 3)", crashed);
        var (_, stderr) = TweakSweepTests.ErrorsAndStderr(Path.Combine(executed, "row-03--tweaks--warn=true.ipynb"));
        Assert.Contains("a warning on stderr", Assert.Single(stderr));
        var (errors, none) = TweakSweepTests.ErrorsAndStderr(Path.Combine(executed, "row-04--tweaks--steps=5.ipynb"));
        Assert.Empty(errors);
        Assert.Empty(none);
        Assert.Contains("steps = 5;", File.ReadAllText(Path.Combine(executed, "row-04--tweaks--steps=5.ipynb")));
    }

    public static TheoryData<string, string[], string> BadSweeps() => new()
    {
        { "| tweaks | `steps=abc` | x |", [], "README.md, tweak row 1 (tweaks steps=abc): --set steps=abc: The name 'abc' does not exist" },
        { "| tweaks | `steps=1.5` | x |", [], "tweak row 1 (tweaks steps=1.5): --set steps=1.5: Cannot implicitly convert type 'double' to 'int'" },
        { "| tweaks | `speed=2` | x |", [], "tweak row 1 (tweaks speed=2): tweaks.ipynb: unknown parameter 'speed'" },
        { "| 07 | `steps=2` | x |", [], "tweak row 1 (07 steps=2): no notebook '07'" },
        { "no table here", [], "has no rows under \"## Tweaks that are tested\"" },
        { "| tweaks | `steps=2` | x |", ["missing"], "no notebook 'missing'" },
        { "| tweaks | `steps=2` | x |", ["--set", "steps=4"], "--set is an option of 'run'" },
        { "| tweaks | `steps=2` | x |", ["--jobs", "0"], "--jobs expects a whole number from 1 to 16, got '0'" },
        { "| tweaks | `steps=2` | x |", ["--cell-timeout", "NaN"], "--cell-timeout expects a number of seconds" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public async Task BadTableOrCommandLine_ExitsTwo_NamingTheRow_BeforeAnythingRuns(string row, string[] arguments, string expected)
    {
        var folder = Repo.NewTempDirectory();
        File.Copy(Path.Combine(Folder, "tweaks.ipynb"), Path.Combine(folder, "tweaks.ipynb"));
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), $"{TweakTable.Section}\n\n| notebook | `--set` | what |\n| --- | --- | --- |\n{row}\n");
        var artifacts = Path.Combine(folder, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(["sweep", "--notebooks", folder, "--output", artifacts, .. arguments], stdout, stderr);
        output.WriteLine(stderr.ToString());

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains(expected, stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
        Assert.Equal("", stdout.ToString());
        Assert.False(Directory.Exists(Path.Combine(artifacts, Sweep.Folder)));
    }
}
