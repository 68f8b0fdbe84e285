using System.Text.Json;
using static Autodiff.Plotting.Tests.Gallery;

namespace Autodiff.Plotting.Tests;

public class ClassificationChartsTests
{
    private static readonly LabelledPoint[] Points =
        [new(-1, -1, 0), new(-0.5, -1.5, 0), new(1, 1, 1), new(1.5, 0.5, 1), new(2, 2, 1)];

    private static readonly Func<double, double, double> Model = Logistic(2, 1, -0.5);

    [Fact]
    public void DecisionBoundary_ProbabilityHeatmap_BoundaryLine_AndPointsByClass()
    {
        var json = ChartJson.Of(Charts.DecisionBoundary(Model, Points, xRange: (-2, 3), yRange: (-2, 3), resolution: 11));

        Assert.Equal(["heatmap", "contour", "scatter", "scatter"], json.TraceTypes);
        var heatmap = json.Traces[0];
        Assert.Equal("RdBu", heatmap.GetProperty("colorscale").GetString());
        Assert.Equal((0.0, 1.0), (heatmap.GetProperty("zmin").GetDouble(), heatmap.GetProperty("zmax").GetDouble()));
        var x = ChartJson.Numbers(heatmap.GetProperty("x"));
        var y = ChartJson.Numbers(heatmap.GetProperty("y"));
        Assert.Equal((11, -2.0, 3.0), (x.Length, x[0], x[^1]));
        Assert.Equal(Math.Round(Model(x[4], y[9]), 3), heatmap.GetProperty("z")[9][4].GetDouble());

        var boundary = json.Traces[1].GetProperty("contours");
        Assert.Equal((0.5, 0.5), (boundary.GetProperty("start").GetDouble(), boundary.GetProperty("end").GetDouble()));
        Assert.Equal("none", boundary.GetProperty("coloring").GetString());
        Assert.Equal(2, json.Traces[1].GetProperty("line").GetProperty("width").GetDouble());

        var class0 = json.Trace("class 0");
        Assert.Equal([-1.0, -0.5], ChartJson.Numbers(class0.GetProperty("x")));
        Assert.Equal([-1.0, -1.5], ChartJson.Numbers(class0.GetProperty("y")));
        Assert.Equal("#2166ac", class0.GetProperty("marker").GetProperty("color").GetString());
        var class1 = json.Trace("class 1");
        Assert.Equal([1.0, 1.5, 2.0], ChartJson.Numbers(class1.GetProperty("x")));
        Assert.Equal("#b2182b", class1.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(("x₁", "x₂"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
    }

    [Fact]
    public void DecisionBoundary_DefaultPlane_ContainsEveryExample()
    {
        var json = ChartJson.Of(Charts.DecisionBoundary(Model, Points));
        var x = ChartJson.Numbers(json.Traces[0].GetProperty("x"));
        var y = ChartJson.Numbers(json.Traces[0].GetProperty("y"));
        Assert.All(Points, p => Assert.InRange(p.X1, x[0], x[^1]));
        Assert.All(Points, p => Assert.InRange(p.X2, y[0], y[^1]));
    }

    [Fact]
    public void DecisionBoundary_AdversarialStep_MarkedPointsAndArrow()
    {
        var json = ChartJson.Of(Charts.DecisionBoundary(Model, Points,
            marked: [new MarkedPoint(0, 0, "x"), new MarkedPoint(0.3, 0.3, "x′")],
            arrows: [new Arrow(0, 0, 0.3, 0.3)]));

        var marked = json.Trace("marked");
        Assert.Equal([0.0, 0.3], ChartJson.Numbers(marked.GetProperty("x")));
        Assert.Equal("star", marked.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(3, json.Annotations.Length);
        var arrow = json.Annotations[0];
        Assert.True(arrow.GetProperty("showarrow").GetBoolean());
        Assert.Equal((0.0, 0.3), (arrow.GetProperty("ax").GetDouble(), arrow.GetProperty("x").GetDouble()));
        Assert.Equal(["x", "x′"], json.Annotations.Skip(1).Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public void DecisionBoundary_RejectsLabelsOtherThan0And1()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.DecisionBoundary(Model, [new LabelledPoint(0, 0, 2)]));
        Assert.Equal("points", ex.ParamName);
        Assert.Contains("got 2", ex.Message);
    }

    [Fact]
    public void Evolution_OneHeatmapAndBoundaryPerStep_OnlyStepZeroVisibleAtFirst()
    {
        var steps = Enumerable.Range(0, 4).Select(i => Logistic(-1 + i, 1, 2 - i)).ToArray();
        var json = ChartJson.Of(Charts.DecisionBoundaryEvolution(steps, Points, resolution: 10));

        Assert.Equal(4 * 2 + 2, json.Traces.Length);
        Assert.Equal(Enumerable.Repeat(new[] { "heatmap", "contour" }, 4).SelectMany(t => t).Concat(["scatter", "scatter"]),
            json.TraceTypes);
        bool[] initial = [true, true, false, false, false, false, false, false];
        Assert.Equal(initial, json.Traces.Take(8).Select(t => t.GetProperty("visible").GetBoolean()));
        // The examples belong to every step, so they carry no visibility of their own.
        Assert.All(json.Traces.Skip(8), t => Assert.False(t.TryGetProperty("visible", out _)));
        // Each step's heatmap shows that step's classifier.
        var x = ChartJson.Numbers(json.Traces[4].GetProperty("x"));
        var y = ChartJson.Numbers(json.Traces[4].GetProperty("y"));
        Assert.Equal(Math.Round(steps[2](x[1], y[3]), 3), json.Traces[4].GetProperty("z")[3][1].GetDouble());
    }

    [Fact]
    public void Evolution_SliderHasOneStepPerTrainingStep_EachShowingItsOwnTracesAndTheExamples()
    {
        var steps = Enumerable.Range(0, 3).Select(i => Logistic(i, 1, 0)).ToArray();
        var json = ChartJson.Of(Charts.DecisionBoundaryEvolution(steps, Points, stepLabels: ["start", "10", "20"], resolution: 5));

        var slider = Assert.Single(json.Layout.GetProperty("sliders").EnumerateArray());
        Assert.Equal(0, slider.GetProperty("active").GetInt32());
        var sliderSteps = slider.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(["start", "10", "20"], sliderSteps.Select(s => s.GetProperty("label").GetString()));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("update", sliderSteps[i].GetProperty("method").GetString());
            var visible = sliderSteps[i].GetProperty("args")[0].GetProperty("visible").EnumerateArray()
                .Select(v => v.GetBoolean()).ToArray();
            var expected = Enumerable.Range(0, 8).Select(t => t >= 6 || t / 2 == i).ToArray();
            Assert.Equal(expected, visible);
        }
    }

    [Fact]
    public void Evolution_FromGrids_UsesTheSameColourLimitsAtEveryStep()
    {
        var grids = new[] { Model, Logistic(-1, 1, 2) }.Select(p => Grid2D.Evaluate(p, (-2, 3), (-2, 3), 5)).ToArray();
        var json = ChartJson.Of(Charts.DecisionBoundaryEvolution(grids, Points));
        Assert.All(json.Traces.Where(t => t.GetProperty("type").GetString() == "heatmap"),
            t => Assert.Equal((0.0, 1.0), (t.GetProperty("zmin").GetDouble(), t.GetProperty("zmax").GetDouble())));
        Assert.Equal(["0", "1"], json.Layout.GetProperty("sliders")[0].GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("label").GetString()));
    }

    [Fact]
    public void Evolution_RejectsAWrongNumberOfLabels()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.DecisionBoundaryEvolution([Model, Model], Points, stepLabels: ["only one"]));
        Assert.Equal("stepLabels", ex.ParamName);
    }

    [Fact]
    public void Evolution_LegendMovesAboveThePlot_BecauseTheSliderIsBelowIt()
    {
        var json = ChartJson.Of(Charts.DecisionBoundaryEvolution([Model], Points, resolution: 5));
        Assert.Equal(JsonValueKind.Number, json.Layout.GetProperty("legend").GetProperty("y").ValueKind);
        Assert.True(json.Layout.GetProperty("legend").GetProperty("y").GetDouble() > 1);
    }
}
