using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>
/// Every command-line error exits 2 with a message and no stack trace, before any notebook runs:
/// time limits, output folders, and <c>--set</c> values checked against the parameters cell.
/// </summary>
public sealed class CommandLineErrorTests(ITestOutputHelper output)
{
    public static TheoryData<string[], string> BadCommandLines() => new()
    {
        { ["--cell-timeout", "Infinity"], "--cell-timeout expects a number of seconds between 0 and 1000000, got 'Infinity'" },
        { ["--cell-timeout", "NaN"], "got 'NaN'" },
        { ["--setup-timeout", "1e308"], "--setup-timeout expects a number of seconds" },
        { ["--cell-timeout", "-1"], "got '-1'" },
        { ["--output", "/proc/autodiff-course/out"], "--output /proc/autodiff-course/out: cannot write" },
        { ["--output", "/sys/autodiff-course"], "--output /sys/autodiff-course: cannot write" },
        { ["--set", "learningRate=abc"], "--set learningRate=abc: The name 'abc' does not exist in the current context" },
        { ["--set", "learningRate=\"fast\""], "Cannot implicitly convert type 'string' to 'double'" },
        { ["--set", "steps=1.5"], "--set steps=1.5: Cannot implicitly convert type 'double' to 'int'" },
        { ["--set", "steps=7; System.Environment.Exit(1)"], "is not one C# expression" },
        { ["--set", "steps="], "'' is not one C# expression" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadCommandLine_ExitsTwo_WithAMessage_BeforeAnythingRuns(string[] arguments, string expected)
    {
        var artifacts = Repo.NewTempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var hasOutput = arguments.Contains("--output");

        var exit = await CommandLine.RunAsync(
            ["run", Repo.Fixture("parameters"), .. hasOutput ? Array.Empty<string>() : ["--output", artifacts], .. arguments],
            stdout, stderr);
        output.WriteLine(stderr.ToString());

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains(expected, stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
        Assert.Equal("", stdout.ToString()); // no notebook started
        Assert.False(Directory.Exists(Path.Combine(artifacts, "executed")) && Directory.EnumerateFiles(Path.Combine(artifacts, "executed")).Any());
    }

    [Fact]
    public async Task OutputThatIsAFile_ExitsTwo()
    {
        var file = Path.Combine(Repo.NewTempDirectory(), "a-file");
        await File.WriteAllTextAsync(file, "");
        var stderr = new StringWriter();

        var exit = await CommandLine.RunAsync(["run", Repo.Fixture("passing"), "--output", file], new StringWriter(), stderr);

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains($"--output {file}: that is a file, not a folder", stderr.ToString());
    }

    [Fact]
    public async Task ReadOnlyOutputFolder_ExitsTwo()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // mode bits are a Unix notion; /sys and /proc cases do not apply either
        }
        var folder = Path.Combine(Repo.NewTempDirectory(), "read-only");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var stderr = new StringWriter();
            var exit = await CommandLine.RunAsync(["run", Repo.Fixture("passing"), "--output", folder], new StringWriter(), stderr);

            if (Environment.UserName == "root")
            {
                // root writes through a folder's mode bits; /sys in BadCommandLines stands in for this case.
                Assert.Equal(0, exit);
                return;
            }
            Assert.Equal(CommandLine.UsageError, exit);
            Assert.Contains($"--output {folder}: cannot write", stderr.ToString());
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The real program, as a process: an exit code of 2, not the 134 of an unhandled exception.</summary>
    [Fact]
    public void InfiniteTimeLimit_ThroughTheProgram_ExitsTwo()
    {
        var run = Processes.Run("dotnet", [Repo.CourseDll, "run", Repo.Fixture("passing"), "--cell-timeout", "Infinity"],
            Repo.Root, TimeSpan.FromMinutes(2));
        output.WriteLine(run.Output);

        Assert.Equal(CommandLine.UsageError, run.ExitCode);
        Assert.Contains("--cell-timeout expects a number of seconds", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    [Theory]
    [InlineData("learningRate", "0.5")]
    [InlineData("learningRate", "1e-3")]
    [InlineData("learningRate", "2")]          // an int fits a double
    [InlineData("steps", "7")]
    [InlineData("steps", "3 * 4")]
    [InlineData("optimizer", "adam")]          // a bare word is quoted for a string
    [InlineData("optimizer", "\"adam\"")]
    [InlineData("rates", "[0.2, 0.3]")]
    [InlineData("rates", "new[] { 0.2 }")]
    [InlineData("seed", "Environment.TickCount")]
    public void ValuesThatFitTheDeclaredType_PassTheCheck(string name, string value)
    {
        const string cell = """
            var learningRate = 0.01;   // η
            var steps = 3;
            var optimizer = "sgd";
            double[] rates = [0.1, 0.25];
            int seed = 7;
            """;

        Assert.Null(ParameterCheck.Problem("n.ipynb", cell, name, value));
    }

    [Fact]
    public void AParametersCellThatNeedsTheNotebooksReferences_StillChecksTheValue()
    {
        // Autodiff is not referenced by the check: the cell's own error is not the value's fault.
        const string cell = "using Autodiff;\nvar model = new Tensor(1.0);\nvar steps = 3;";

        Assert.Null(ParameterCheck.Problem("n.ipynb", cell, "steps", "5"));
        Assert.Null(ParameterCheck.Problem("n.ipynb", cell, "model", "new Tensor(2.0)"));
        Assert.Contains("does not exist", ParameterCheck.Problem("n.ipynb", cell, "steps", "five"));
    }

    [Fact]
    public void ACourseNotebook_IsCheckedWithItsSetupCell()
    {
        var notebook = CommandLine.AllNotebooks(Repo.Notebooks)
            .First(path => Parameters.Declared(NotebookRunner.Load(path).Elements[Parameters.FindCell(NotebookRunner.Load(path))].Contents)
                .Any(d => d.Name == "learningRate"));

        ParameterCheck.ThrowIfInvalid(notebook, new Dictionary<string, string> { ["learningRate"] = "0.05" });
        ParameterCheck.ThrowIfInvalid(notebook, new Dictionary<string, string> { ["learningRate"] = "Math.Sqrt(0.01)" });
        var error = Assert.Throws<ParameterValueException>(() =>
            ParameterCheck.ThrowIfInvalid(notebook, new Dictionary<string, string> { ["learningRate"] = "abc" }));
        Assert.Contains("The name 'abc' does not exist", error.Message);
        Assert.Contains($"the parameters cell of {Path.GetFileName(notebook)} has: var learningRate =", error.Message);
    }

    [Fact]
    public void EveryCourseNotebook_AcceptsItsOwnDefaults()
    {
        foreach (var path in CommandLine.AllNotebooks(Repo.Notebooks))
        {
            var document = NotebookRunner.Load(path);
            var cell = document.Elements[Parameters.FindCell(document)].Contents;
            foreach (var declaration in Parameters.Declared(cell))
            {
                var value = cell.Split('\n').Select(l => l.Split("//")[0].Trim())
                    .First(l => l.Contains($" {declaration.Name} =", StringComparison.Ordinal))
                    .Split('=', 2)[1].TrimEnd(';').Trim();
                Assert.Null(ParameterCheck.Problem(Path.GetFileName(path), cell, declaration.Name, value));
            }
        }
    }
}
