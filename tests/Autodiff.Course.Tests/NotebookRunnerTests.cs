using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>The in-process runner on small fixture notebooks (tests/Autodiff.Course.Tests/Fixtures).</summary>
public sealed class NotebookRunnerTests(ITestOutputHelper output)
{
    private RunOptions Options(IReadOnlyDictionary<string, string>? parameters = null) => new()
    {
        Log = new TestOutputWriter(output),
        Parameters = parameters ?? new Dictionary<string, string>(),
    };

    [Fact]
    public void CoursePlan_KeepsEachNotebookAsItWasReadOnce()
    {
        var folder = Repo.NewTempDirectory();
        var notebook = Path.Combine(folder, "parameters.ipynb");
        File.Copy(Repo.Fixture("parameters"), notebook);
        var broken = Path.Combine(folder, "broken.ipynb");
        File.WriteAllText(broken, "{ not json");

        var plan = CourseRunner.Prepare(new CourseOptions
        {
            Notebooks = [notebook, broken],
            OutputDirectory = Path.Combine(folder, "out"),
            Parameters = new Dictionary<string, string> { ["steps"] = "7" },
        });

        Assert.Equal(NotebookRunner.Load(notebook).ToJupyterJson(), plan.Notebooks[0].Document!.ToJupyterJson());
        Assert.Equal(new Dictionary<string, string> { ["steps"] = "7" }, plan.Notebooks[0].Parameters);
        Assert.Null(plan.Notebooks[1].Document);
        Assert.Contains("broken.ipynb", plan.Notebooks[1].Problem);
    }

    [Fact]
    public async Task PassingNotebook_RunsEveryCodeCell_AndKeepsTextValuesAndStdout()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("passing"), Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(5, result.CellCount);
        Assert.Equal([2, 4, 5], result.Cells.Select(c => c.Number));
        Assert.All(result.Cells, c => Assert.Equal(CellStatus.Passed, c.Status));

        var code = result.Document.Elements.Where(NotebookRunner.IsCode).ToList();
        Assert.Equal([1, 2, 3], code.Select(c => c.ExecutionOrder));
        Assert.Equal("hello from stdout\n", Assert.IsType<TextElement>(Assert.Single(code[0].Outputs)).Text);
        Assert.Contains("42", Text(Assert.IsType<ReturnValueElement>(Assert.Single(code[1].Outputs))));
        Assert.Contains("hello, 42", Text(Assert.IsType<ReturnValueElement>(Assert.Single(code[2].Outputs))));
    }

    [Fact]
    public async Task ExecutedNotebook_IsJupyterJson_ThatReadsBackWithItsOutputs()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("passing"), Options());

        var json = result.Document.ToJupyterJson();
        var reread = Notebook.Parse(json);

        Assert.Contains("\"nbformat\": 4", json);
        Assert.Contains("\"output_type\": \"execute_result\"", json);
        Assert.Contains("\"output_type\": \"stream\"", json);
        Assert.Equal(result.Document.Elements.Count, reread.Elements.Count);
        Assert.Equal(3, reread.Elements.Count(e => e.Outputs.Count > 0));
    }

    [Fact]
    public async Task ThrowingCell_FailsWithNotebookCellFirstLineAndError_AndSkipsTheRest()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("throwing"), Options());

        Assert.False(result.Succeeded);
        var failed = result.FailedCell!;
        Assert.Equal(3, failed.Number);
        Assert.Equal(CellStatus.Failed, failed.Status);
        Assert.Equal(CellStatus.Skipped, result.Cells[^1].Status);

        var message = result.FailureMessage!;
        Assert.Contains("throwing.ipynb", message);
        Assert.Contains("cell 3 of 4", message);
        Assert.Contains("var x = 1;", message);
        Assert.Contains("the gradient exploded", message);

        // What ran before the failure is kept, and the failing cell shows its error.
        var code = result.Document.Elements.Where(NotebookRunner.IsCode).ToList();
        Assert.Equal("before the failure\n", Assert.IsType<TextElement>(Assert.Single(code[0].Outputs)).Text);
        Assert.Contains("the gradient exploded", Assert.IsType<ErrorElement>(code[1].Outputs[^1]).ErrorValue);
        Assert.Empty(code[2].Outputs);
    }

    [Fact]
    public async Task CompileError_ReportsLineAndColumnWithinTheCell_CountingTheNuGetLine()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("compile-error"), Options());

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCell!.Number);
        var message = result.FailureMessage!;
        Assert.Contains("compile-error.ipynb: cell 3 of 3 failed", message);
        Assert.Contains("#r \"nuget: Plotly.NET, 6.0.0\"", message);
        // `var y = undefinedName + 1;` is line 3 of the cell; undefinedName starts at column 9.
        Assert.Contains("(3,9): error CS0103", message);
        Assert.Contains("undefinedName", message);
    }

    [Fact]
    public async Task ParametersOverride_IsInjectedAfterTheParametersCell_AndWins()
    {
        var result = await NotebookRunner.RunAsync(
            Repo.Fixture("parameters"),
            Options(new Dictionary<string, string> { ["learningRate"] = "0.5", ["optimizer"] = "adam" }));

        Assert.True(result.Succeeded, result.FailureMessage);
        var elements = result.Document.Elements;
        var parametersIndex = Parameters.FindCell(result.Document);
        var injected = elements[parametersIndex + 1];
        Assert.True(Parameters.HasTag(injected, Parameters.InjectedTag));
        Assert.Contains("learningRate = 0.5;", injected.Contents);
        Assert.Contains("optimizer = \"adam\";", injected.Contents);
        Assert.True(result.Cells.Single(c => c.IsInjectedParameters).Status == CellStatus.Passed);

        Assert.Contains("0.5|3|adam", Text(Assert.IsType<ReturnValueElement>(Assert.Single(elements[^1].Outputs))));
    }

    [Fact]
    public async Task WithoutOverrides_TheNotebookDefaultsAreUsed_AndNothingIsInjected()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("parameters"), Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(3, result.Document.Elements.Count);
        Assert.Contains("0.01|3|sgd", Text(Assert.IsType<ReturnValueElement>(Assert.Single(result.Document.Elements[^1].Outputs))));
    }

    [Fact]
    public async Task UnknownParameter_IsAnError_NamingWhatTheCellDeclares()
    {
        var error = await Assert.ThrowsAsync<UnknownParameterException>(() => NotebookRunner.RunAsync(
            Repo.Fixture("parameters"),
            Options(new Dictionary<string, string> { ["learningRat"] = "0.5" })));

        Assert.Equal("learningRat", error.Name);
        Assert.Contains("parameters.ipynb: unknown parameter 'learningRat'", error.Message);
        Assert.Contains("learningRate, steps, optimizer", error.Message);
    }

    [Fact]
    public async Task UnknownParameter_InANotebookWithoutParametersCell_SaysSo()
    {
        var error = await Assert.ThrowsAsync<UnknownParameterException>(() => NotebookRunner.RunAsync(
            Repo.Fixture("passing"),
            Options(new Dictionary<string, string> { ["steps"] = "1" })));

        Assert.Contains("no cell tagged \"parameters\"", error.Message);
    }

    [Fact]
    public async Task ChartNotebook_TheSetupCellLoadsTheLibraryAndTheChartFormatter_AndTheChartIsHtml()
    {
        var result = await NotebookRunner.RunAsync(Repo.Fixture("chart"), Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        var code = result.Document.Elements.Where(NotebookRunner.IsCode).ToList();
        Assert.Contains("Autodiff + Autodiff.Plotting", Text(Assert.IsType<ReturnValueElement>(Assert.Single(code[2].Outputs))));

        // The setup cell brought plotly.js, and the chart went through the formatter it registered
        // (NotebookCharts.Html: drawn with that copy, the CDN only as a fallback).
        Assert.Contains("data-autodiff-plotly-loader", Text(Assert.IsType<ReturnValueElement>(Assert.Single(code[0].Outputs))));
        var chart = Assert.IsType<ReturnValueElement>(Assert.Single(code[3].Outputs));
        var html = Assert.IsType<string>(chart.Data["text/html"]);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("if (window.Plotly) { render(); return; }", html);
        Assert.Contains("\"x\":[0.0,1.0,2.0,3.0,4.0]", html);
        Assert.Contains("\"y\":[0.0,1.0,4.0,9.0,16.0]", html);
    }

    [Fact]
    public async Task Notebooks_RunInTheirOwnFolder_AndTheCurrentDirectoryIsRestored()
    {
        var before = Environment.CurrentDirectory;
        var folder = Repo.NewTempDirectory();
        var notebook = Path.Combine(folder, "where.ipynb");
        var document = new InteractiveDocument { new InteractiveDocumentElement("System.IO.Directory.GetCurrentDirectory()", "csharp") };
        await File.WriteAllTextAsync(notebook, document.ToJupyterJson("csharp"));

        var result = await NotebookRunner.RunAsync(notebook, Options());

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Contains(folder, Text(Assert.IsType<ReturnValueElement>(Assert.Single(result.Document.Elements[0].Outputs))));
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public async Task EachNotebook_GetsAFreshKernel()
    {
        var folder = Repo.NewTempDirectory();
        var first = Path.Combine(folder, "first.ipynb");
        var second = Path.Combine(folder, "second.ipynb");
        await File.WriteAllTextAsync(first, new InteractiveDocument { new InteractiveDocumentElement("var leaked = 1;", "csharp") }.ToJupyterJson("csharp"));
        await File.WriteAllTextAsync(second, new InteractiveDocument { new InteractiveDocumentElement("leaked", "csharp") }.ToJupyterJson("csharp"));

        Assert.True((await NotebookRunner.RunAsync(first, Options())).Succeeded);
        var result = await NotebookRunner.RunAsync(second, Options());

        Assert.False(result.Succeeded);
        Assert.Contains("CS0103", result.FailureMessage);
    }

    /// <summary>Every value of an output; a notebook read back from disk holds each as a list of lines.</summary>
    internal static string Text(ReturnValueElement element) =>
        string.Join("\n", element.Data.Values.Select(v => v is IEnumerable<object> lines ? string.Concat(lines) : v.ToString()));
}
