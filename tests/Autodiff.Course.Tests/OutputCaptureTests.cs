using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>What a cell prints: kept in linear time, capped with a visible note, and compiler warnings kept as stderr.</summary>
public sealed partial class OutputCaptureTests(ITestOutputHelper output)
{
    private RunOptions Options(OutputLimits? limits = null) => new()
    {
        Log = new TestOutputWriter(output),
        OutputLimits = limits ?? new OutputLimits(),
    };

    private static async Task<string> Notebook(params string[] cells)
    {
        var document = new InteractiveDocument();
        foreach (var cell in cells)
        {
            document.Add(new InteractiveDocumentElement(cell, "csharp"));
        }
        var path = Path.Combine(Repo.NewTempDirectory(), "cells.ipynb");
        await File.WriteAllTextAsync(path, document.ToJupyterJson("csharp"));
        return path;
    }

    private static string Stream(InteractiveDocumentElement cell, string name) =>
        string.Concat(cell.Outputs.OfType<TextElement>().Where(t => t.Name == name).Select(t => t.Text));

    [Fact]
    public async Task ManyLines_AreCutAtTheLineLimit_WithANoteSayingHowManyMore()
    {
        var result = await NotebookRunner.RunAsync(IsolationTests.Fixture("many-lines"), Options(new OutputLimits(MaxLines: 10)));

        Assert.True(result.Succeeded, result.FailureMessage);
        var code = result.Document.Elements.Where(NotebookRunner.IsCode).ToList();
        var text = Assert.IsType<TextElement>(Assert.Single(code[1].Outputs)).Text;
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(11, lines.Length);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"line {i}"), lines[..10]);
        Assert.StartsWith("… 19,990 more lines not shown", lines[10]);
        // The cell after it is untouched by the cut.
        Assert.Contains("after the lines", NotebookRunnerTests.Text(Assert.IsType<ReturnValueElement>(Assert.Single(code[2].Outputs))));
    }

    [Fact]
    public async Task OneHugeLine_IsCutAtTheSizeLimit()
    {
        var path = await Notebook("Console.WriteLine(\"short\");\nConsole.Write(new string('x', 5_000_000));\nConsole.WriteLine(\"tail\");");

        var result = await NotebookRunner.RunAsync(path, Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        var text = Stream(result.Document.Elements[0], "stdout");
        Assert.True(text.Length < 300_000, $"kept {text.Length} characters");
        Assert.StartsWith("short\n", text);
        Assert.Contains("… 1 more line not shown (4.8 MB)", text);
    }

    [Fact]
    public async Task AHugeReturnedValue_IsReplacedByANote()
    {
        var path = await Notebook("new string('x', 50_000)");

        var result = await NotebookRunner.RunAsync(path, Options(new OutputLimits(MaxRichBytes: 10_000)));

        Assert.True(result.Succeeded, result.FailureMessage);
        var value = NotebookRunnerTests.Text(Assert.IsType<ReturnValueElement>(Assert.Single(result.Document.Elements[0].Outputs)));
        Assert.DoesNotContain("xxxxxxxxxx", value);
        Assert.Contains("an output of 48.8 KB not shown", value);
    }

    [Fact]
    public async Task StdoutAndStderr_KeepTheirOrder_AndBothCountTowardTheLimit()
    {
        var path = await Notebook("""
            Console.WriteLine("out 1");
            Console.Error.WriteLine("err 1");
            Console.WriteLine("out 2");
            for (var i = 0; i < 10; i++) Console.Error.WriteLine($"err {i + 2}");
            """);

        var result = await NotebookRunner.RunAsync(path, Options(new OutputLimits(MaxLines: 5)));

        var outputs = result.Document.Elements[0].Outputs.Cast<TextElement>().ToList();
        Assert.Equal(["stdout", "stderr", "stdout", "stderr"], outputs.Select(o => o.Name));
        Assert.Equal("out 1\n", outputs[0].Text);
        Assert.Equal("err 1\n", outputs[1].Text);
        Assert.Equal("out 2\n", outputs[2].Text);
        Assert.StartsWith("err 2\nerr 3\n… 8 more lines not shown", outputs[3].Text);
    }

    /// <summary>
    /// The whole command: 20,000 printed lines reach the executed notebook and the page cut at the
    /// default 2,000 lines with the note. The time bound is a guard against the quadratic capture
    /// of before (8–40 s for this cell here), not a benchmark: it is now about 0.3 s above an empty loop.
    /// </summary>
    [Fact]
    public void TwentyThousandLines_ThroughTheCommand_AreCappedInTheExecutedNotebookAndOnThePage()
    {
        var artifacts = Repo.NewTempDirectory();

        var run = Processes.Run("dotnet", [Repo.CourseDll, "run", IsolationTests.Fixture("many-lines"), "--output", artifacts],
            Repo.Root, TimeSpan.FromMinutes(4));
        output.WriteLine(run.Output);

        Assert.Equal(0, run.ExitCode);
        var executed = NotebookRunner.Load(Path.Combine(artifacts, "executed", "many-lines.ipynb"));
        var text = Stream(executed.Elements.Where(NotebookRunner.IsCode).ElementAt(1), "stdout");
        Assert.Equal(2_001, text.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("line 2000\n… 18,000 more lines not shown", text);
        Assert.Contains("… 18,000 more lines not shown", File.ReadAllText(Path.Combine(artifacts, "site", "many-lines.html")));

        var seconds = double.Parse(
            CellSeconds().Match(run.Output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(seconds < 5, $"printing 20,000 lines took {seconds} s");
    }

    [GeneratedRegex(@"\[1/1 many-lines\] cell 2/3\s+ok\s+([\d.]+) s")]
    private static partial Regex CellSeconds();

    /// <summary>As the stock kernel's Jupyter front end does, a compiler warning is a stderr stream of the cell.</summary>
    [Fact]
    public async Task CompilerWarnings_AreStderrOutputs_AsInTheStockKernel()
    {
        var result = await NotebookRunner.RunAsync(IsolationTests.Fixture("warning"), Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        var cell = result.Document.Elements[0];
        Assert.Contains("(4,7): warning CS8632", Stream(cell, "stderr"));
        Assert.DoesNotContain("CS0168", Stream(cell, "stderr"));
        Assert.Contains("none", NotebookRunnerTests.Text(Assert.IsType<ReturnValueElement>(cell.Outputs[^1])));
    }

    [Fact]
    public async Task ACellWithoutWarnings_HasNoStderr()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("passing"), Options());

        Assert.All(result.Document.Elements, cell => Assert.Empty(Stream(cell, "stderr")));
    }
}
