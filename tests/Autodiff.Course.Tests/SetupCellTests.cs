using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>The setup cell, <c>#!import course.dib</c>, where the course library is not built.</summary>
public sealed class SetupCellTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WithoutABuiltLibrary_TheSetupCellSaysWhichCommandToRun_InOneSentence()
    {
        // A repository with the notebooks' course.dib but no build of src/Autodiff.Plotting.
        var root = Repo.NewTempDirectory();
        await File.WriteAllTextAsync(Path.Combine(root, "Autodiff.slnx"), "<Solution />\n");
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        File.Copy(Path.Combine(Repo.Notebooks, "course.dib"), Path.Combine(notebooks, "course.dib"));
        var notebook = Path.Combine(notebooks, "unbuilt.ipynb");
        var document = new InteractiveDocument { new InteractiveDocumentElement(SetupCell.FromReadme(), "csharp") };
        await File.WriteAllTextAsync(notebook, document.ToJupyterJson("csharp"));

        var result = await NotebookRunner.RunAsync(notebook, new RunOptions { Log = new TestOutputWriter(output) });

        var setup = result.Document.Elements[0];
        var stderr = Assert.IsType<TextElement>(Assert.Single(setup.Outputs));
        Assert.Equal("stderr", stderr.Name);
        Assert.Equal(
            "The course library is not built yet: run `dotnet build` in the repository folder, then run this cell again.",
            stderr.Text.Trim());
    }
}
