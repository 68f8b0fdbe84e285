using System.Globalization;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Many functions of the plane side by side, one small heatmap each in a grid of panels: e.g. what every hidden
    /// unit of a network computes. Each panel has its own colour scale, from 0 (dark) to its own largest value
    /// (bright), because units differ in size and each picture is about the shape.
    /// </summary>
    /// <param name="grids">The values of each function on a grid; the panels follow this order, row by row.</param>
    /// <param name="titles">One short title per panel, e.g. "unit 3".</param>
    /// <param name="columns">Panels per row.</param>
    /// <param name="points">Labelled examples to draw small on every panel, or null.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">No grids, a title count that differs, or fewer than one column.</exception>
    public static GenericChart Heatmaps(IReadOnlyList<Grid2D> grids, IReadOnlyList<string> titles, int columns = 4,
        IEnumerable<LabelledPoint>? points = null, string title = "Heatmaps")
    {
        var panels = Check.NotEmpty(grids, nameof(grids));
        var names = Check.NotEmpty(titles, nameof(titles));
        Check.SameLength(panels.Length, names.Length, nameof(titles));
        Check.Argument(columns >= 1, nameof(columns), $"columns must be at least 1, got {columns}");
        var examples = points is null ? [] : CheckLabels(points);
        int rows = (panels.Length + columns - 1) / columns;
        const double gap = 0.02;

        var traces = new List<GenericChart>();
        var annotations = new List<Annotation>();
        var axes = new List<(string Name, DynamicObj.DynamicObj Axis)>();
        for (int i = 0; i < panels.Length; i++)
        {
            var (row, column) = (i / columns, i % columns);
            string id = i == 0 ? "" : (i + 1).ToString(CultureInfo.InvariantCulture);
            var grid = panels[i];
            var largest = grid.Z.SelectMany(r => r).DefaultIfEmpty(0).Max();
            // Three decimals of a colour are plenty, and they keep a chart of 32 panels small.
            var z = grid.Z.Select(r => r.Select(v => Math.Round(v, 3)).ToArray()).ToArray();
            traces.Add(PlotlyChart.Heatmap<double, double, double, string>(z, X: grid.X.ToArray(), Y: grid.Y.ToArray(),
                    Name: names[i], ShowScale: false, ColorScale: StyleParam.Colorscale.Viridis)
                .WithTraceAttribute("zmin", 0.0).WithTraceAttribute("zmax", largest > 0 ? largest : 1.0)
                .WithTraceAttribute("xaxis", "x" + id).WithTraceAttribute("yaxis", "y" + id));
            foreach (var (label, color) in new[] { (0, Class0), (1, Class1) })
            {
                var members = examples.Where(p => p.Label == label).ToArray();
                if (members.Length == 0) continue;
                traces.Add(PlotlyChart.Point<double, double, string>(members.Select(p => p.X1).ToArray(),
                        members.Select(p => p.X2).ToArray(), Name: $"class {label}", ShowLegend: false)
                    .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("color", color).With("size", 3))
                    .WithTraceAttribute("hoverinfo", "skip")
                    .WithTraceAttribute("xaxis", "x" + id).WithTraceAttribute("yaxis", "y" + id));
            }

            double[] xDomain = [(double)column / columns + gap, (column + 1.0) / columns - gap];
            // Rows from the top; the top of each panel leaves room for its title.
            double[] yDomain = [1 - (row + 1.0) / rows + gap, 1 - (double)row / rows - 3 * gap];
            axes.Add(("xaxis" + id, Panel(xDomain, "y" + id, grid.XRange)));
            axes.Add(("yaxis" + id, Panel(yDomain, "x" + id, grid.YRange)));
            annotations.Add(new Annotation()
                .With("text", names[i]).With("showarrow", false)
                .With("xref", "paper").With("yref", "paper").With("x", (xDomain[0] + xDomain[1]) / 2).With("y", yDomain[1])
                .With("xanchor", "center").With("yanchor", "bottom").With("font", new DynamicObj.DynamicObj().With("size", 11)));
        }

        var chart = PlotlyChart.Combine(traces).Finish(title, "", "", height: 110 + rows * 150)
            .WithAnnotations(annotations)
            .WithLayoutAttribute("showlegend", false);
        foreach (var (name, axis) in axes) chart = chart.WithLayoutAttribute(name, axis);
        return chart;
    }

    /// <summary>The axis of one panel: its place on the page, its partner axis, its range, and no tick labels.</summary>
    private static DynamicObj.DynamicObj Panel(double[] domain, string anchor, (double Min, double Max) range) =>
        new DynamicObj.DynamicObj()
            .With("domain", domain).With("anchor", anchor).With("range", new[] { range.Min, range.Max })
            .With("showticklabels", false).With("ticks", "").With("showgrid", false).With("zeroline", false);
}
