using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Several paths over the level sets of one function, with a slider over steps: at the stop for step k, each path
    /// is drawn from its start up to its k-th point, so the optimizers can be compared as they go. The slider starts
    /// at the last stop (the whole paths). Everything is in the page: the slider works on a static page.
    /// </summary>
    /// <param name="grid">The function's values, drawn as filled level sets (e.g. log₁₀ f for a steep valley).</param>
    /// <param name="paths">One path each: <see cref="Series.X"/> the first coordinates, <see cref="Series.Y"/> the second.
    /// A path ends at its first point that is not finite (a run that diverged).</param>
    /// <param name="stops">The steps the slider stops at, increasing, e.g. 0, 1, 2, 5, 10, …</param>
    /// <param name="minimum">If given, marked with a white star (e.g. the minimum every path heads for); say so in the text,
    /// it has no legend entry.</param>
    /// <param name="maxPoints">At most this many points per path and stop (evenly thinned, the last one kept), so that a
    /// long run stays a small page.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">Horizontal axis title.</param>
    /// <param name="yTitle">Vertical axis title.</param>
    public static GenericChart PathsOverSteps(Grid2D grid, IReadOnlyList<Series> paths, IReadOnlyList<int> stops,
        (double X, double Y)? minimum = null, int maxPoints = 120,
        string title = "Paths", string xTitle = "x₁", string yTitle = "x₂")
    {
        ArgumentNullException.ThrowIfNull(grid);
        var runs = Check.NotEmpty(paths, nameof(paths));
        var at = Check.NotEmpty(stops, nameof(stops));
        Check.AtLeast(2, maxPoints, nameof(maxPoints));
        for (var i = 0; i < at.Length; i++)
        {
            if (at[i] < 0 || (i > 0 && at[i] <= at[i - 1]))
                throw new ArgumentException($"stops must be steps ≥ 0 in increasing order, got {string.Join(", ", at)}", nameof(stops));
        }
        var points = runs.Select(FinitePrefix).ToArray();

        var fixedTraces = new List<GenericChart> { Surface(grid, heatmap: false) };
        if (minimum is var (mx, my))
            fixedTraces.Add(PlotlyChart.Point<double, double, string>(new[] { mx }, new[] { my }, Name: "minimum", ShowLegend: false)
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("symbol", "star").With("size", 14).With("color", "white")
                    .With("line", new DynamicObj.DynamicObj().With("color", "black").With("width", 1))));

        var last = at.Length - 1;
        var stopTraces = new List<GenericChart>();
        for (var stop = 0; stop < at.Length; stop++)
        {
            for (var i = 0; i < points.Length; i++)
            {
                var shown = Thinned(points[i], Math.Min(at[stop], points[i].Length - 1) + 1, maxPoints);
                stopTraces.Add(Line(shown.Select(p => p.X).ToArray(), shown.Select(p => p.Y).ToArray(), runs[i].Name,
                        Palette[i % Palette.Length], markers: true, showLegend: true)
                    .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", Palette[i % Palette.Length]).With("size", 4))
                    .WithTraceAttribute("legendgroup", runs[i].Name)
                    .WithTraceAttribute("visible", stop == last));
            }
        }

        var steps = at.Select((step, stop) => PlotlyObjects.SliderStep($"{step}",
            [.. fixedTraces.Select(_ => true), .. Enumerable.Range(0, stopTraces.Count).Select(t => t / points.Length == stop)]));
        return PlotlyChart.Combine([.. fixedTraces, .. stopTraces])
            .Finish(title, xTitle, yTitle, height: PlotlyObjects.Height + 120)
            .WithXAxis(("range", new[] { grid.XRange.Min, grid.XRange.Max }))
            .WithYAxis(1, ("range", new[] { grid.YRange.Min, grid.YRange.Max }))
            .WithSlider(PlotlyObjects.Slider("after step ", steps).With("active", last))
            .WithLegend(PlotlyObjects.RowLegend(above: true))
            // Room above the plot for the title and a legend of two rows.
            .WithLayoutAttribute("margin", new DynamicObj.DynamicObj().With("t", 130));
    }

    private static (double X, double Y)[] FinitePrefix(Series path)
    {
        var xs = path.XValues();
        var finite = xs.Zip(path.Y, (x, y) => (X: x, Y: y)).TakeWhile(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        if (finite.Length == 0) throw new ArgumentException($"the path \"{path.Name}\" has no finite first point", "paths");
        return finite;
    }

    /// <summary>The first <paramref name="count"/> points, thinned evenly to at most <paramref name="max"/>, keeping the first and last.</summary>
    private static (double X, double Y)[] Thinned((double X, double Y)[] points, int count, int max)
    {
        if (count <= max) return points[..count];
        return Enumerable.Range(0, max).Select(j => points[(int)Math.Round(j * (count - 1.0) / (max - 1))]).ToArray();
    }
}
