using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// The level sets of a function of two variables, optionally with a path on top (e.g. gradient descent
    /// on a loss surface) and gradient arrows (to show the gradient is perpendicular to the level sets).
    /// </summary>
    /// <param name="f">The function, called as <c>f(x, y)</c>.</param>
    /// <param name="xRange">Horizontal extent.</param>
    /// <param name="yRange">Vertical extent.</param>
    /// <param name="path">Points visited, in order, drawn as a red line with markers and labelled "start" and "end".</param>
    /// <param name="gradient">If given, an arrow in the direction of ∇f at each point of a coarse grid.</param>
    /// <param name="heatmap">Colour every grid cell instead of drawing filled level sets.</param>
    /// <param name="resolution">Grid points per axis for <paramref name="f"/>.</param>
    /// <param name="arrowsPerAxis">Gradient arrows per axis (so <c>arrowsPerAxis²</c> in all).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart Contour(Func<double, double, double> f,
        (double Min, double Max) xRange, (double Min, double Max) yRange,
        IEnumerable<(double X, double Y)>? path = null, Func<double, double, (double X, double Y)>? gradient = null,
        bool heatmap = false, int resolution = 60, int arrowsPerAxis = 9,
        string title = "Level sets", string xTitle = "x₁", string yTitle = "x₂") =>
        Contour(Grid2D.Evaluate(f, xRange, yRange, resolution), path, gradient, heatmap, arrowsPerAxis, title, xTitle, yTitle);

    /// <summary>
    /// The same chart as <see cref="Contour(Func{double, double, double}, ValueTuple{double, double}, ValueTuple{double, double}, IEnumerable{ValueTuple{double, double}}?, Func{double, double, ValueTuple{double, double}}?, bool, int, int, string, string, string)"/>
    /// from values computed beforehand, e.g. a loss over (θ₀, θ₁) evaluated with the library.
    /// </summary>
    /// <param name="grid">The function's values.</param>
    /// <param name="path">Points visited, in order.</param>
    /// <param name="gradient">If given, an arrow in the direction of ∇f at each point of a coarse grid.</param>
    /// <param name="heatmap">Colour every grid cell instead of drawing filled level sets.</param>
    /// <param name="arrowsPerAxis">Gradient arrows per axis.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart Contour(Grid2D grid,
        IEnumerable<(double X, double Y)>? path = null, Func<double, double, (double X, double Y)>? gradient = null,
        bool heatmap = false, int arrowsPerAxis = 9,
        string title = "Level sets", string xTitle = "x₁", string yTitle = "x₂")
    {
        ArgumentNullException.ThrowIfNull(grid);
        var traces = new List<GenericChart> { Surface(grid, heatmap) };
        var visited = path?.ToArray() ?? [];
        if (visited.Length > 0)
            traces.Add(PlotlyChart.Scatter<double, double, string>(
                    visited.Select(p => p.X).ToArray(), visited.Select(p => p.Y).ToArray(),
                    StyleParam.Mode.Lines_Markers, Name: "path")
                .WithTraceAttribute("line", new DynamicObj.DynamicObj().With("color", Red).With("width", 2))
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", Red).With("size", 6)));

        var chart = PlotlyChart.Combine(traces).Finish(title, xTitle, yTitle)
            .WithXAxis(("range", new[] { grid.XRange.Min, grid.XRange.Max }))
            .WithYAxis(1, ("range", new[] { grid.YRange.Min, grid.YRange.Max }));
        if (visited.Length > 0)
            // Boxed labels rather than trace text: plain text vanishes on one end or the other of a colour scale.
            chart = chart.WithAnnotations([
                PlotlyObjects.Label(visited[0].X, visited[0].Y, "start"),
                PlotlyObjects.Label(visited[^1].X, visited[^1].Y, "end"),
            ]);
        if (gradient is null) return chart;

        Check.AtLeast(1, arrowsPerAxis, nameof(arrowsPerAxis));
        // A right angle only looks like one when a unit on x is as long on screen as a unit on y.
        // "constrain: domain" shrinks the plot to fit instead of widening a range past the grid.
        return chart.WithXAxis(("constrain", "domain"))
            .WithYAxis(1, ("scaleanchor", "x"), ("scaleratio", 1), ("constrain", "domain"))
            .WithAnnotations(GradientArrows(grid, gradient, arrowsPerAxis));
    }

    private static GenericChart Surface(Grid2D grid, bool heatmap)
    {
        var z = grid.Z.Select(row => row.ToArray()).ToArray();
        return heatmap
            ? PlotlyChart.Heatmap<double, double, double, string>(z, X: grid.X.ToArray(), Y: grid.Y.ToArray(),
                Name: "f", ColorScale: StyleParam.Colorscale.Viridis)
            : PlotlyChart.Contour<double, double, double, string>(z, X: grid.X.ToArray(), Y: grid.Y.ToArray(),
                Name: "f", ColorScale: StyleParam.Colorscale.Viridis, ShowContoursLabels: true);
    }

    /// <summary>
    /// Arrows of equal length at the centres of an n × n grid of cells: the picture is about the direction
    /// of ∇f, and arrows scaled by |∇f| would be invisible near the minimum and overlap far from it.
    /// </summary>
    private static IEnumerable<Plotly.NET.LayoutObjects.Annotation> GradientArrows(Grid2D grid,
        Func<double, double, (double X, double Y)> gradient, int n)
    {
        var (x0, x1) = grid.XRange;
        var (y0, y1) = grid.YRange;
        var (cellX, cellY) = ((x1 - x0) / n, (y1 - y0) / n);
        var length = 0.7 * Math.Min(cellX, cellY);
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var (x, y) = (x0 + (i + 0.5) * cellX, y0 + (j + 0.5) * cellY);
                var (gx, gy) = gradient(x, y);
                var norm = Math.Sqrt(gx * gx + gy * gy);
                if (!(norm > 0) || !double.IsFinite(norm)) continue;  // no direction to draw at a stationary point
                var (dx, dy) = (length * gx / norm, length * gy / norm);
                yield return PlotlyObjects.Arrow(x - dx / 2, y - dy / 2, x + dx / 2, y + dy / 2, "white", width: 1.5)
                    .With("standoff", 0).With("startstandoff", 0);
            }
    }
}
