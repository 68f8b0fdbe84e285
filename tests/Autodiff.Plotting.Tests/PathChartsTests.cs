namespace Autodiff.Plotting.Tests;

public class PathChartsTests
{
    private static readonly Grid2D Bowl = Grid2D.Evaluate((x, y) => x * x + 4 * y * y, (-3, 3), (-2, 2), 20);

    private static Series Path(string name, int points) =>
        new(name, Enumerable.Range(0, points).Select(k => 1.0 / (k + 1)).ToArray(), Enumerable.Range(0, points).Select(k => -2.0 + k * 0.1).ToArray());

    [Fact]
    public void PathsOverSteps_EachStopShowsEveryPathUpToItsStep_TheLastStopFirst()
    {
        var json = ChartJson.Of(Charts.PathsOverSteps(Bowl, [Path("GD", 11), Path("Adam", 6)], [0, 2, 10], minimum: (0, 0)));

        // The level sets and the minimum, then one trace per stop and path.
        Assert.Equal(["contour", "scatter", .. Enumerable.Repeat("scatter", 6)], json.TraceTypes);
        var perStop = json.Traces[2..];
        Assert.Equal([1, 1, 3, 3, 11, 6], perStop.Select(t => ChartJson.Numbers(t.GetProperty("x")).Length));
        Assert.Equal([-2.0, -1.9, -1.8], ChartJson.Numbers(perStop[2].GetProperty("x")));
        Assert.Equal([1.0, 0.5, 1.0 / 3], ChartJson.Numbers(perStop[2].GetProperty("y")));
        Assert.Equal([false, false, false, false, true, true], perStop.Select(t => t.GetProperty("visible").GetBoolean()));
        // The same colour for a path at every stop.
        Assert.Equal(perStop[0].GetProperty("line").GetProperty("color").GetString(), perStop[4].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(perStop[0].GetProperty("line").GetProperty("color").GetString(), perStop[1].GetProperty("line").GetProperty("color").GetString());

        var slider = json.Layout.GetProperty("sliders")[0];
        Assert.Equal(2, slider.GetProperty("active").GetInt32());
        var steps = slider.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(["0", "2", "10"], steps.Select(s => s.GetProperty("label").GetString()));
        var visibleAtStop1 = steps[1].GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean());
        Assert.Equal([true, true, false, false, true, true, false, false], visibleAtStop1);
    }

    [Fact]
    public void PathsOverSteps_ThinsLongPaths_KeepingTheEnds_AndCutsADivergedPathAtItsFirstNonFinitePoint()
    {
        var diverged = new Series("diverged", [1.0, 2.0, double.PositiveInfinity, double.NaN], [0.5, 1.0, 1e300, double.NaN]);
        var json = ChartJson.Of(Charts.PathsOverSteps(Bowl, [Path("long", 500), diverged], [499], maxPoints: 50));

        var x = ChartJson.Numbers(json.Traces[1].GetProperty("x"));
        Assert.Equal(50, x.Length);
        Assert.Equal((-2.0, -2.0 + 499 * 0.1), (x[0], x[^1]), new ToleranceComparer(1e-12));
        Assert.Equal([0.5, 1.0], ChartJson.Numbers(json.Traces[2].GetProperty("x")));
    }

    [Fact]
    public void PathsOverSteps_RejectsStopsOutOfOrder()
    {
        var ex = Assert.Throws<ArgumentException>(() => Charts.PathsOverSteps(Bowl, [Path("GD", 5)], [0, 3, 3]));
        Assert.Equal("stops", ex.ParamName);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) <= tolerance && Math.Abs(a.Item2 - b.Item2) <= tolerance;

        public int GetHashCode((double, double) value) => 0;
    }
}
