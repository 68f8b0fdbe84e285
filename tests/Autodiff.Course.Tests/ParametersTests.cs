namespace Autodiff.Course.Tests;

public sealed class ParametersTests
{
    [Fact]
    public void Declared_FindsTopLevelVariables_WithTheirTypes()
    {
        var declared = Parameters.Declared("""
            // tweak these
            var learningRate = 0.1;
            int steps = 20, seed = 42;
            string optimizer = "sgd";
            var label = $"run {steps}";
            void Helper() { var notAParameter = 1; }
            """);

        Assert.Equal(["learningRate", "steps", "seed", "optimizer", "label"], declared.Select(d => d.Name));
        Assert.Equal(["var", "int", "int", "string", "var"], declared.Select(d => d.Type));
        Assert.Equal([false, false, false, true, true], declared.Select(d => d.IsString));
    }

    [Fact]
    public void OverrideCode_AssignsEachValue_QuotingBareWordsForStrings()
    {
        var code = Parameters.OverrideCode("nb.ipynb", "var lr = 0.1;\nstring name = \"a\";\nstring other = \"b\";",
            new Dictionary<string, string> { ["lr"] = "0.5", ["name"] = "say \"hi\"", ["other"] = "\"quoted\"" });

        Assert.Equal(
            "// Parameters injected by the course runner (--set)\nlr = 0.5;\nname = \"say \\\"hi\\\"\";\nother = \"quoted\";",
            code);
    }

    [Fact]
    public void OverrideCode_UnknownName_Throws()
    {
        var error = Assert.Throws<UnknownParameterException>(() =>
            Parameters.OverrideCode("nb.ipynb", "var lr = 0.1;", new Dictionary<string, string> { ["steps"] = "3" }));

        Assert.Equal("nb.ipynb: unknown parameter 'steps'; the parameters cell declares: lr", error.Message);
    }

    [Fact]
    public void FindCell_UsesTheJupyterTag_OrTheTagInPolyglotMetadata()
    {
        var jupyter = NotebookRunner.Load(Repo.Fixture("parameters"));
        Assert.Equal(1, Parameters.FindCell(jupyter));

        var polyglot = new Microsoft.DotNet.Interactive.Documents.InteractiveDocument
        {
            new Microsoft.DotNet.Interactive.Documents.InteractiveDocumentElement("var a = 1;", "csharp"),
            new Microsoft.DotNet.Interactive.Documents.InteractiveDocumentElement("var b = 2;", "csharp")
            {
                Metadata = new Dictionary<string, object>
                {
                    ["polyglot_notebook"] = new Dictionary<string, object> { ["kernelName"] = "csharp", ["tags"] = new object[] { "parameters" } },
                },
            },
        };
        Assert.Equal(1, Parameters.FindCell(polyglot));
        Assert.Equal(-1, Parameters.FindCell(NotebookRunner.Load(Repo.Fixture("passing"))));
    }
}
