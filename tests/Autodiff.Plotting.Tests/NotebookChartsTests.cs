using System.Text.RegularExpressions;

namespace Autodiff.Plotting.Tests;

public class NotebookChartsTests
{
    private static readonly Plotly.NET.GenericChart Chart =
        Charts.FunctionAndDerivative(Gallery.F, Gallery.FPrime, -2, 2, markAt: -0.75);

    [Fact]
    public void Html_DrawsWithThePagesPlotly_AndLoadsTheSameVersionFromTheCdnOnlyWhenItIsMissing()
    {
        var html = NotebookCharts.Html(Chart);

        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("dashdot", html);
        Assert.Contains("if (window.Plotly) { render(); return; }", html);
        Assert.Equal("https://cdn.plot.ly/plotly-2.28.0.min.js", NotebookCharts.CdnUrl);
        Assert.Contains("script.src = \"https://cdn.plot.ly/plotly-2.28.0.min.js\";", html);
        // Where the page has require.js (classic Jupyter) the CDN copy goes through it, without ".js".
        Assert.Contains("paths: { plotly: \"https://cdn.plot.ly/plotly-2.28.0.min\" }", html);
        // The render function is called once, through the loader, never directly.
        var render = Regex.Match(html, @"var (renderPlotly_\w+) = function").Groups[1].Value;
        Assert.NotEmpty(render);
        Assert.DoesNotContain(render + "();", html);
        Assert.Contains($"}})({render});", html);
        Assert.EndsWith("</script></div>", html);
    }

    [Fact]
    public void PlotlyLoader_CarriesThePlotlyJsOfPlotlyNet_AsWindowPlotly_EvenWhereRequireJsIsLoaded()
    {
        var loader = NotebookCharts.PlotlyLoader();
        var html = loader.ToHtml();

        Assert.StartsWith($"<script type=\"text/javascript\" {NotebookCharts.LoaderMarker}=\"2.28.0\">", html);
        Assert.Contains(ChartHtml.PlotlyJs[..2000], html);
        Assert.Contains("if (!window.Plotly) { (function (define, module, exports) {", html);
        Assert.Equal(1, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.True(html.Length > 3_000_000);
        Assert.Equal("plotly.js 2.28.0 (charts draw offline)", loader.ToString());
    }
}
