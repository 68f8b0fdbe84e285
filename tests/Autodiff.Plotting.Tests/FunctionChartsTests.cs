using static Autodiff.Plotting.Tests.Gallery;

namespace Autodiff.Plotting.Tests;

public class FunctionChartsTests
{
    [Fact]
    public void FunctionAndDerivative_DrawsBothCurvesOverTheInterval()
    {
        var json = ChartJson.Of(Charts.FunctionAndDerivative(F, FPrime, -2, 2, functionName: "f", derivativeName: "f′"));

        Assert.Equal(["scatter", "scatter"], json.TraceTypes);
        var f = json.Trace("f");
        var x = ChartJson.Numbers(f.GetProperty("x"));
        Assert.Equal(200, x.Length);
        Assert.Equal((-2.0, 2.0), (x[0], x[^1]));
        Assert.Equal(x.Select(F), ChartJson.Numbers(f.GetProperty("y")));
        Assert.Equal(x.Select(FPrime), ChartJson.Numbers(json.Trace("f′").GetProperty("y")));
        Assert.Equal(("x", "y"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
        Assert.Equal("A function and its derivative", json.Title);
        Assert.Empty(json.Shapes);
    }

    [Fact]
    public void FunctionAndDerivative_MarksThePointWithADashDotLineFromTheAxisToTheCurve()
    {
        var json = ChartJson.Of(Charts.FunctionAndDerivative(F, FPrime, -2, 2, markAt: -0.75));

        var line = Assert.Single(json.Shapes);
        Assert.Equal("line", line.GetProperty("type").GetString());
        Assert.Equal(("x", "y"), (line.GetProperty("xref").GetString(), line.GetProperty("yref").GetString()));
        Assert.Equal(-0.75, line.GetProperty("x0").GetDouble());
        Assert.Equal(-0.75, line.GetProperty("x1").GetDouble());
        Assert.Equal(0.0, line.GetProperty("y0").GetDouble());
        Assert.Equal(3.875, line.GetProperty("y1").GetDouble());  // f(−3/4) = 2·9/16 − 9/4 + 5
        Assert.Equal("dashdot", line.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void FunctionCurves_AreNotSimplifiedIntoFacets()
    {
        var json = ChartJson.Of(Charts.FunctionAndDerivative(F, FPrime, -2, 2));
        Assert.All(json.Traces, t => Assert.False(t.GetProperty("line").GetProperty("simplify").GetBoolean()));
    }

    [Fact]
    public void Charts_FitANotebookColumn()
    {
        var layout = ChartJson.Of(Charts.FunctionAndDerivative(F, FPrime, -2, 2)).Layout;
        Assert.Equal(650, layout.GetProperty("width").GetInt32());
        Assert.Equal(450, layout.GetProperty("height").GetInt32());
    }

    [Fact]
    public void ArticleDescent_ReachesMinus0Point80832_InFiveSteps()
    {
        Assert.Equal(-0.80832, Descent(0.4, 5)[^1], 10);
    }

    [Fact]
    public void GradientDescentSteps_LabelsEveryIterate_AndDrawsOneRedArrowPerStep()
    {
        var xs = Descent(0.4, 5);
        var json = ChartJson.Of(Charts.GradientDescentSteps(F, xs));

        var iterates = json.Trace("iterates xₖ");
        Assert.Equal("markers+text", iterates.GetProperty("mode").GetString());
        Assert.Equal(["x₀", "x₁", "x₂", "x₃", "x₄", "x₅"], ChartJson.Strings(iterates.GetProperty("text")));
        Assert.Equal(xs, ChartJson.Numbers(iterates.GetProperty("x")));
        Assert.Equal(xs.Select(F), ChartJson.Numbers(iterates.GetProperty("y")));

        Assert.Equal(5, json.Annotations.Length);
        for (var k = 0; k < 5; k++)
        {
            var arrow = json.Annotations[k];
            // Tail (ax, ay) at xₖ, head (x, y) at xₖ₊₁, both in data coordinates.
            Assert.Equal((xs[k], F(xs[k])), (arrow.GetProperty("ax").GetDouble(), arrow.GetProperty("ay").GetDouble()));
            Assert.Equal((xs[k + 1], F(xs[k + 1])), (arrow.GetProperty("x").GetDouble(), arrow.GetProperty("y").GetDouble()));
            Assert.Equal(("x", "y"), (arrow.GetProperty("axref").GetString(), arrow.GetProperty("ayref").GetString()));
            Assert.Equal("#d62728", arrow.GetProperty("arrowcolor").GetString());
        }
    }

    [Fact]
    public void GradientDescentSteps_DrawsTheCurveAroundTheIterates_OrOverTheGivenInterval()
    {
        var xs = Descent(0.4, 5);
        var around = ChartJson.Numbers(ChartJson.Of(Charts.GradientDescentSteps(F, xs)).Trace("f(x)").GetProperty("x"));
        Assert.True(around[0] < xs.Min() && around[^1] > xs.Max());

        var given = ChartJson.Of(Charts.GradientDescentSteps(F, xs, derivative: FPrime, from: -2, to: 2));
        Assert.Equal(["f(x)", "f′(x)", "iterates xₖ"], given.Traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(-2.0, ChartJson.Numbers(given.Trace("f′(x)").GetProperty("x"))[0]);
    }

    [Fact]
    public void GradientDescentSteps_WithASingleIterate_HasNoArrows()
    {
        Assert.Empty(ChartJson.Of(Charts.GradientDescentSteps(F, [0.0])).Annotations);
    }

    [Fact]
    public void Trajectories_OneLegendEntryPerRun_PlusTheReference()
    {
        double[] rates = [0.1, 0.25, 0.4, 0.5, 0.55];
        var json = ChartJson.Of(Charts.Trajectories(rates.Select(r => new Series($"η = {r}", Descent(r, 10))),
            reference: -0.75, referenceName: "x*", yRange: (-3, 1.5)));

        Assert.Equal(["η = 0.1", "η = 0.25", "η = 0.4", "η = 0.5", "η = 0.55", "x*"],
            json.Traces.Select(t => t.GetProperty("name").GetString()));
        var run = json.Trace("η = 0.5");
        Assert.Equal(Enumerable.Range(0, 11).Select(k => (double)k), ChartJson.Numbers(run.GetProperty("x")));
        Assert.Equal(Descent(0.5, 10), ChartJson.Numbers(run.GetProperty("y")));
        var reference = json.Trace("x*");
        Assert.Equal([0.0, 10.0], ChartJson.Numbers(reference.GetProperty("x")));
        Assert.Equal([-0.75, -0.75], ChartJson.Numbers(reference.GetProperty("y")));
        Assert.Equal("dash", reference.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal([-3.0, 1.5], ChartJson.Numbers(json.Layout.GetProperty("yaxis").GetProperty("range")));
        Assert.Equal(("step k", "xₖ"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
    }

    [Fact]
    public void Trajectories_UseTheSeriesOwnX_WhenGiven()
    {
        var json = ChartJson.Of(Charts.Trajectories([new Series("run", [1.0, 2.0], X: [10.0, 20.0])]));
        Assert.Equal([10.0, 20.0], ChartJson.Numbers(json.Trace("run").GetProperty("x")));
    }

    [Fact]
    public void BadArguments_AreRejected_NamingTheArgument()
    {
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => Charts.FunctionAndDerivative(F, FPrime, 2, -2)).ParamName);
        Assert.Equal("iterates", Assert.Throws<ArgumentException>(() => Charts.GradientDescentSteps(F, [])).ParamName);
        Assert.Equal("runs", Assert.Throws<ArgumentException>(() => Charts.Trajectories([])).ParamName);
        Assert.Equal("X", Assert.Throws<ArgumentException>(
            () => Charts.Trajectories([new Series("run", [1.0, 2.0], X: [1.0])])).ParamName);
    }
}
