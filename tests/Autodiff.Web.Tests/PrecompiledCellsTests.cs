using Autodiff.Web.Kernel;

namespace Autodiff.Web.Tests;

/// <summary>
/// Cells compiled ahead of time (<see cref="PrecompiledCells"/>): Run all over unedited cells loads their images and
/// never needs Roslyn; an edited cell is compiled by Roslyn on top of them; the results are the same either way.
/// </summary>
public sealed class PrecompiledCellsTests
{
    private static readonly string[] Cells = ["var a = 20;", "int Twice(int x) => 2 * x;", "Console.WriteLine(\"twice a is \" + Twice(a));\nTwice(a) + 2"];

    private static async Task<List<CellResult>> RunAllAsync(CellKernel kernel, IEnumerable<string> cells)
    {
        var results = new List<CellResult>();
        var number = 1;
        foreach (var code in cells) results.Add(await kernel.RunAsync(code, $"cell {number++}"));
        return results;
    }

    /// <summary>A kernel that counts how often it asks for Roslyn to be loaded.</summary>
    private static (CellKernel Kernel, Func<int> CompilerLoads) Kernel(PrecompiledCells precompiled)
    {
        var loads = 0;
        var kernel = new CellKernel { Precompiled = precompiled, LoadCompilerAsync = () => { loads++; return Task.CompletedTask; } };
        return (kernel, () => loads);
    }

    [Fact]
    public async Task RunAll_OverUneditedCells_LoadsEveryImage_NeverAsksForRoslyn_AndGivesTheSameResults()
    {
        var precompiled = CellKernel.Precompile(Cells);
        Assert.Equal(3, precompiled.Count);

        var (kernel, compilerLoads) = Kernel(precompiled);
        var ahead = await RunAllAsync(kernel, Cells);
        var compiled = await RunAllAsync(new CellKernel(), Cells);

        Assert.All(ahead, result => Assert.True(result.Succeeded && result.Precompiled, result.Error));
        Assert.All(compiled, result => Assert.False(result.Precompiled));
        Assert.Equal(0, compilerLoads());
        Assert.Equal(42, ahead[^1].Value);
        Assert.Equal(compiled.Select(r => (r.Value, r.Output)), ahead.Select(r => (r.Value, r.Output)));
        Assert.Equal("twice a is 40\n", ahead[^1].Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task AnEditedCell_IsCompiledByRoslyn_AndSeesTheCellsThatRanFromTheirImages()
    {
        var (kernel, compilerLoads) = Kernel(CellKernel.Precompile(Cells));
        var results = await RunAllAsync(kernel, [Cells[0], Cells[1], "Twice(a) + 3"]);

        Assert.True(results[0].Precompiled && results[1].Precompiled);
        Assert.False(results[2].Precompiled);
        Assert.True(results[2].Succeeded, results[2].Error);
        Assert.Equal(43, results[2].Value);
        Assert.Equal(1, compilerLoads());

        // The chain now differs from the one compiled ahead of time: the original third cell goes to Roslyn too.
        var again = await kernel.RunAsync(Cells[2], "cell 3");
        Assert.False(again.Precompiled);
        Assert.Equal(42, again.Value);
    }

    [Fact]
    public async Task ACellThatDoesNotCompile_IsLeftOut_AndTheCellsAfterItStillLoadTheirImages()
    {
        string[] cells = ["var a = 1;", "a +* 2", "a + 1"];
        var (kernel, _) = Kernel(CellKernel.Precompile(cells));
        var results = await RunAllAsync(kernel, cells);

        Assert.False(results[1].Succeeded);
        Assert.Contains("does not compile", results[1].Error);
        Assert.True(results[2].Precompiled, "the chain is unchanged by a cell that does not compile");
        Assert.Equal(2, results[2].Value);
    }

    [Fact]
    public void TheFile_RoundTrips_AndALookupComparesTheSourceAndTheChain()
    {
        var written = CellKernel.Precompile(Cells);
        using var file = new MemoryStream();
        written.Write(file);
        file.Position = 0;
        var read = PrecompiledCells.Read(file);

        Assert.Equal(written.Count, read.Count);
        var first = read.Find("", Cells[0]);
        Assert.NotNull(first);
        Assert.Equal(written.Find("", Cells[0])!.Image, first.Image);
        Assert.NotNull(read.Find(first.Key, Cells[1]));
        Assert.Null(read.Find("", Cells[1]));            // the right source after the wrong chain
        Assert.Null(read.Find(first.Key, Cells[1] + " ")); // an edited source
    }
}
