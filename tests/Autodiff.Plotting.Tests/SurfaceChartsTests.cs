namespace Autodiff.Plotting.Tests;

public class SurfaceChartsTests
{
    private static double Bowl(double x, double y) => x * x + 4 * y * y;

    private static (double X, double Y) BowlGradient(double x, double y) => (2 * x, 8 * y);

    [Fact]
    public void Grid2D_Evaluate_FollowsPlotlysRowsAlongYConvention()
    {
        var grid = Grid2D.Evaluate((x, y) => 10 * x + y, (0, 2), (0, 1), resolution: 3);
        Assert.Equal([0.0, 1.0, 2.0], grid.X);
        Assert.Equal([0.0, 0.5, 1.0], grid.Y);
        Assert.Equal(10 * grid.X[2] + grid.Y[1], grid.Z[1][2]);
    }

    [Fact]
    public void Grid2D_RejectsRowsOfTheWrongLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Grid2D([0.0, 1.0], [0.0], [[1.0]]));
        Assert.Equal("z[0]", ex.ParamName);
    }

    [Fact]
    public void Contour_DrawsTheGridValues_WithThePathOnTop()
    {
        (double X, double Y)[] path = [(-2, 1), (-1, 0.5), (0, 0)];
        var json = ChartJson.Of(Charts.Contour(Bowl, (-3, 3), (-1.5, 1.5), path: path, resolution: 20));

        Assert.Equal(["contour", "scatter"], json.TraceTypes);
        var surface = json.Traces[0];
        var x = ChartJson.Numbers(surface.GetProperty("x"));
        var y = ChartJson.Numbers(surface.GetProperty("y"));
        Assert.Equal((20, 20), (x.Length, y.Length));
        var z = surface.GetProperty("z");
        Assert.Equal(Bowl(x[3], y[7]), z[7][3].GetDouble());
        Assert.True(surface.GetProperty("contours").GetProperty("showlabels").GetBoolean());

        var drawn = json.Trace("path");
        Assert.Equal([-2.0, -1.0, 0.0], ChartJson.Numbers(drawn.GetProperty("x")));
        Assert.Equal([1.0, 0.5, 0.0], ChartJson.Numbers(drawn.GetProperty("y")));
        Assert.Equal(["start", "end"], json.Annotations.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal(("x₁", "x₂"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
        Assert.Equal([-3.0, 3.0], ChartJson.Numbers(json.Layout.GetProperty("xaxis").GetProperty("range")));
    }

    [Fact]
    public void Contour_AsHeatmap_FromAPrecomputedGrid()
    {
        var grid = Grid2D.Evaluate(Bowl, (-1, 1), (-1, 1), 5);
        var json = ChartJson.Of(Charts.Contour(grid, heatmap: true, xTitle: "θ₀", yTitle: "θ₁"));
        Assert.Equal(["heatmap"], json.TraceTypes);
        Assert.Equal(("θ₀", "θ₁"), (json.AxisTitle("xaxis"), json.AxisTitle("yaxis")));
        Assert.Empty(json.Annotations);
    }

    [Fact]
    public void GradientArrows_OnePerCell_PointAlongTheGradient_OnEqualAxes()
    {
        var json = ChartJson.Of(Charts.Contour(Bowl, (-3, 3), (-1.5, 1.5), gradient: BowlGradient, arrowsPerAxis: 4));

        Assert.Equal(16, json.Annotations.Length);
        foreach (var arrow in json.Annotations)
        {
            var (headX, headY) = (arrow.GetProperty("x").GetDouble(), arrow.GetProperty("y").GetDouble());
            var (tailX, tailY) = (arrow.GetProperty("ax").GetDouble(), arrow.GetProperty("ay").GetDouble());
            var (gx, gy) = BowlGradient((headX + tailX) / 2, (headY + tailY) / 2);
            var (dx, dy) = (headX - tailX, headY - tailY);
            // Parallel (cross product 0) and the same way round (dot product > 0).
            Assert.Equal(0, dx * gy - dy * gx, 9);
            Assert.True(dx * gx + dy * gy > 0);
        }
        var yaxis = json.Layout.GetProperty("yaxis");
        Assert.Equal("x", yaxis.GetProperty("scaleanchor").GetString());
        Assert.Equal(1, yaxis.GetProperty("scaleratio").GetDouble());
    }

    [Fact]
    public void GradientArrows_SkipStationaryPoints()
    {
        // With an odd count, the middle cell's centre is the minimum (0, 0), where ∇f has no direction.
        var json = ChartJson.Of(Charts.Contour(Bowl, (-3, 3), (-1.5, 1.5), gradient: BowlGradient, arrowsPerAxis: 3));
        Assert.Equal(8, json.Annotations.Length);
    }

    [Fact]
    public void WithoutGradientArrows_TheAxesKeepTheirOwnScales()
    {
        var json = ChartJson.Of(Charts.Contour(Bowl, (-3, 3), (-1.5, 1.5)));
        Assert.False(json.Layout.GetProperty("yaxis").TryGetProperty("scaleanchor", out _));
    }
}
