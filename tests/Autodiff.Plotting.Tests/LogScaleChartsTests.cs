namespace Autodiff.Plotting.Tests;

public class LogScaleChartsTests
{
    [Fact]
    public void LogX_LogarithmicHorizontalAxis_LinearVerticalAxisFromZero()
    {
        double[] n = [10, 100, 1000];
        var json = ChartJson.Of(Charts.LogX([new Series("ratio", [4.2, 12.0, 14.5], n)], title: "Ratio", xTitle: "n", yTitle: "×"));

        var trace = Assert.Single(json.Traces);
        Assert.Equal(n, ChartJson.Numbers(trace.GetProperty("x")));
        Assert.Equal([4.2, 12.0, 14.5], ChartJson.Numbers(trace.GetProperty("y")));
        Assert.Equal("lines+markers", trace.GetProperty("mode").GetString());
        var x = json.Layout.GetProperty("xaxis");
        Assert.Equal("log", x.GetProperty("type").GetString());
        Assert.Equal(1, x.GetProperty("dtick").GetDouble());
        var y = json.Layout.GetProperty("yaxis");
        Assert.False(y.TryGetProperty("type", out _), "the vertical axis stays linear");
        Assert.Equal("tozero", y.GetProperty("rangemode").GetString());
        Assert.Equal(("Ratio", "n", "×"), (json.Title, json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
    }

    [Fact]
    public void LogX_NoSeries_NamesTheArgument()
    {
        Assert.Equal("series", Assert.Throws<ArgumentException>(() => Charts.LogX([])).ParamName);
    }
}
