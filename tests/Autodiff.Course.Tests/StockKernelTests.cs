using Xunit.Abstractions;

namespace Autodiff.Course.Tests;

/// <summary>The stock-kernel check itself, on fixtures whose outcome is known.</summary>
public sealed class StockKernelTests(ITestOutputHelper output)
{
    [Fact]
    public void TheSetupCellAndAChart_RunInTheStockKernel()
    {
        var run = StockKernel.Run(Repo.Fixture("chart"));
        output.WriteLine(run.Log);

        Assert.True(run.Succeeded, run.FailureMessage);
    }

    [Fact]
    public void AFailingCell_FailsTheStockKernelCheck_NamingTheCell()
    {
        var run = StockKernel.Run(Repo.Fixture("throwing"));

        Assert.False(run.Succeeded);
        Assert.Contains("throwing.ipynb in the stock kernel (dotnet-repl): exited 2", run.FailureMessage);
        Assert.Contains("cell 3 of 4 failed (first line: var x = 1;)", run.FailureMessage);
        Assert.Contains("the gradient exploded", run.FailureMessage);
    }
}
