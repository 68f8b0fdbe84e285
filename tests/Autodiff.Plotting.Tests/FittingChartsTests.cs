namespace Autodiff.Plotting.Tests;

public class FittingChartsTests
{
    private static readonly double[] Xs = [0.0, 0.5, 1.0, 2.0];
    private static readonly double[] Ys = [1.1, 1.9, 3.2, 4.8];

    [Fact]
    public void DataWithFits_DrawsThePoints_AndEachCurveOverTheDatasRange()
    {
        var json = ChartJson.Of(Charts.DataWithFits(Xs, Ys,
            [new Curve("after 0 steps", _ => 0), new Curve("after 50 steps", x => 2 * x + 1)]));

        Assert.Equal(["data", "after 0 steps", "after 50 steps"], json.Traces.Select(t => t.GetProperty("name").GetString()));
        var data = json.Trace("data");
        Assert.Equal("markers", data.GetProperty("mode").GetString());
        Assert.Equal(Xs, ChartJson.Numbers(data.GetProperty("x")));
        Assert.Equal(Ys, ChartJson.Numbers(data.GetProperty("y")));

        var fit = json.Trace("after 50 steps");
        var x = ChartJson.Numbers(fit.GetProperty("x"));
        Assert.Equal((0.0, 2.0), (x[0], x[^1]));
        Assert.Equal(x.Select(v => 2 * v + 1), ChartJson.Numbers(fit.GetProperty("y")));
        Assert.Equal("Data and fitted models", json.Title);
    }

    [Fact]
    public void DataWithFits_CanFixTheYRange()
    {
        var json = ChartJson.Of(Charts.DataWithFits(Xs, Ys, yRange: (-2, 2)));
        Assert.Equal([-2.0, 2.0], ChartJson.Numbers(json.Layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Equal("yRange", Assert.Throws<ArgumentException>(() => Charts.DataWithFits(Xs, Ys, yRange: (2, -2))).ParamName);
    }

    [Fact]
    public void DataWithFits_RejectsMismatchedData()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Charts.DataWithFits(Xs, [1.0])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Charts.DataWithFits([], [])).ParamName);
    }

    [Fact]
    public void LossCurve_PlotsLossAgainstStep()
    {
        double[] loss = [0.9, 0.5, 0.3, 0.2];
        var json = ChartJson.Of(Charts.LossCurve(loss));

        var trace = Assert.Single(json.Traces);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], ChartJson.Numbers(trace.GetProperty("x")));
        Assert.Equal(loss, ChartJson.Numbers(trace.GetProperty("y")));
        Assert.Equal(("step", "loss"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
        Assert.False(json.Layout.GetProperty("yaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void LossCurve_LogScale_AndASecondSeriesOnItsOwnRightAxis()
    {
        var json = ChartJson.Of(Charts.LossCurve([0.9, 0.5, 0.3], logY: true,
            secondary: new Series("accuracy", [0.5, 0.8, 0.9])));

        Assert.Equal("log", json.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        var accuracy = json.Trace("accuracy");
        Assert.Equal("y2", accuracy.GetProperty("yaxis").GetString());
        var right = json.Layout.GetProperty("yaxis2");
        Assert.Equal("y", right.GetProperty("overlaying").GetString());
        Assert.Equal("right", right.GetProperty("side").GetString());
        Assert.Equal("accuracy", json.AxisTitle("yaxis2"));
    }
}
