namespace Autodiff.Plotting.Tests;

public class ChartHtmlTests
{
    private static readonly Plotly.NET.GenericChart Chart =
        Charts.FunctionAndDerivative(Gallery.F, Gallery.FPrime, -2, 2, markAt: -0.75);

    [Fact]
    public void PlotlyJs_IsTheLibraryBundledWithPlotlyNet()
    {
        Assert.Equal("2.28.0", ChartHtml.PlotlyJsVersion);
        Assert.True(ChartHtml.PlotlyJs.Length > 3_000_000);
        Assert.Contains("newPlot", ChartHtml.PlotlyJs);
    }

    [Fact]
    public void Fragment_DrawsTheChart_WithoutLoadingAnything()
    {
        var fragment = ChartHtml.Fragment(Chart);
        Assert.StartsWith("<div>", fragment);
        Assert.Contains("Plotly.newPlot(", fragment);
        Assert.Contains("dashdot", fragment);
        Assert.DoesNotContain("<script src", fragment);
        Assert.DoesNotContain("require", fragment);
    }

    [Fact]
    public void Page_IsSelfContained()
    {
        var page = ChartHtml.Page([Chart, Chart], "two charts");
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<title>two charts</title>", page);
        Assert.Contains(ChartHtml.PlotlyJs.Substring(0, 200), page);
        Assert.DoesNotContain("<script src", page);
        // Inline plotly.js defines newPlot once; each chart calls it once more.
        var calls = page.Split("Plotly.newPlot(").Length - 1;
        Assert.Equal(2, calls - (ChartHtml.PlotlyJs.Split("Plotly.newPlot(").Length - 1));
    }

    [Fact]
    public void Save_WritesThePage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"autodiff-plotting-{Guid.NewGuid():N}.html");
        try
        {
            ChartHtml.Save(Chart, path);
            var text = File.ReadAllText(path);
            Assert.Contains($"<title>{Path.GetFileNameWithoutExtension(path)}</title>", text);
            Assert.EndsWith("</html>\n", text);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
