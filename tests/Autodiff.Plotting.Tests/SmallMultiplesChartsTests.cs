namespace Autodiff.Plotting.Tests;

public class SmallMultiplesChartsTests
{
    private static Grid2D Ramp(double slope) =>
        Grid2D.Evaluate((x, y) => Math.Max(0, slope * x + y), (-1, 1), (-2, 2), resolution: 5);

    [Fact]
    public void Heatmaps_OnePanelPerGrid_RowByRow_EachOnItsOwnAxesAndColourScale()
    {
        var grids = new[] { Ramp(1), Ramp(2), Ramp(-3) };
        var json = ChartJson.Of(Charts.Heatmaps(grids, ["unit 1", "unit 2", "unit 3"], columns: 2, title: "Units"));

        Assert.Equal(["heatmap", "heatmap", "heatmap"], json.TraceTypes);
        Assert.Equal(["x", "x2", "x3"], json.Traces.Select(t => t.GetProperty("xaxis").GetString()));
        Assert.Equal(["y", "y2", "y3"], json.Traces.Select(t => t.GetProperty("yaxis").GetString()));
        for (int i = 0; i < grids.Length; i++)
        {
            var trace = json.Traces[i];
            Assert.False(trace.GetProperty("showscale").GetBoolean());
            Assert.Equal(0.0, trace.GetProperty("zmin").GetDouble());
            Assert.Equal(grids[i].Z.SelectMany(r => r).Max(), trace.GetProperty("zmax").GetDouble());
            Assert.Equal(Math.Round(grids[i].Z[3][1], 3), trace.GetProperty("z")[3][1].GetDouble());
        }

        // Two columns: panel 2 sits right of panel 1, panel 3 starts the second row, below.
        double[] Domain(string axis) => ChartJson.Numbers(json.Layout.GetProperty(axis).GetProperty("domain"));
        Assert.True(Domain("xaxis2")[0] > Domain("xaxis")[1], "panel 2 is right of panel 1");
        Assert.Equal(Domain("xaxis")[0], Domain("xaxis3")[0]);
        Assert.True(Domain("yaxis3")[1] < Domain("yaxis")[0], "panel 3 is below panel 1");
        Assert.Equal("y2", json.Layout.GetProperty("xaxis2").GetProperty("anchor").GetString());
        Assert.Equal([-2.0, 2.0], ChartJson.Numbers(json.Layout.GetProperty("yaxis3").GetProperty("range")));
        Assert.Equal(["unit 1", "unit 2", "unit 3"], json.Annotations.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal("Units", json.Title);
    }

    [Fact]
    public void Heatmaps_WithPoints_DrawsBothClassesOnEveryPanel()
    {
        LabelledPoint[] points = [new(0, 0, 0), new(0.5, 1, 1), new(-0.5, 1, 1)];
        var json = ChartJson.Of(Charts.Heatmaps([Ramp(1), Ramp(2)], ["a", "b"], points: points));

        Assert.Equal(["heatmap", "scatter", "scatter", "heatmap", "scatter", "scatter"], json.TraceTypes);
        var class1OnPanel2 = json.Traces[5];
        Assert.Equal("x2", class1OnPanel2.GetProperty("xaxis").GetString());
        Assert.Equal([0.5, -0.5], ChartJson.Numbers(class1OnPanel2.GetProperty("x")));
    }

    [Fact]
    public void Heatmaps_BadArguments_NameTheArgument()
    {
        Assert.Equal("titles", Assert.Throws<ArgumentException>(() => Charts.Heatmaps([Ramp(1)], ["a", "b"])).ParamName);
        Assert.Equal("grids", Assert.Throws<ArgumentException>(() => Charts.Heatmaps([], [])).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentException>(() => Charts.Heatmaps([Ramp(1)], ["a"], columns: 0)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => Charts.Heatmaps([Ramp(1)], ["a"], points: [new(0, 0, 2)])).ParamName);
    }

    [Fact]
    public void Heatmaps_APanelThatIsZeroEverywhere_StillGetsAColourScale()
    {
        var zero = Grid2D.Evaluate((x, y) => 0.0, (0, 1), (0, 1), resolution: 3);
        var json = ChartJson.Of(Charts.Heatmaps([zero], ["dead unit"]));
        Assert.Equal(1.0, json.Traces[0].GetProperty("zmax").GetDouble());
    }
}
