using Plotly.NET;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

/// <summary>
/// A node of a graph drawn by <see cref="Charts.Dag"/>: a box with a label (lines separated by <c>&lt;br&gt;</c>).
/// </summary>
/// <param name="Label">The text in the box; plotly's <c>&lt;br&gt;</c> breaks lines.</param>
/// <param name="IsOperation">Operation nodes are drawn as small round labels, data nodes as boxes.</param>
/// <param name="Color">The box's border colour; by default grey for operations and blue for data.</param>
public sealed record DagNode(string Label, bool IsOperation = false, string? Color = null);

public static partial class Charts
{
    /// <summary>
    /// Any small directed acyclic graph, laid out left to right: each node in the column one past the longest path
    /// that reaches it, so every arrow points right. For graphs a notebook builds with its own classes (the
    /// library's graphs have <see cref="ComputationalGraph(Autodiff.Graphs.ComputationalGraph, string)"/>).
    /// </summary>
    /// <param name="nodes">The nodes, listed so that every edge goes from an earlier node to a later one (a topological order).</param>
    /// <param name="edges">Edges as (from, to) indices into <paramref name="nodes"/>.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">An edge index is out of range or points backwards in the list.</exception>
    /// <returns>The picture; for more than <see cref="MaxDrawnNodes"/> nodes, a chart whose title says it is too large.</returns>
    public static GenericChart Dag(IReadOnlyList<DagNode> nodes, IEnumerable<(int From, int To)> edges, string title = "Graph")
    {
        var all = Check.NotEmpty(nodes, nameof(nodes));
        if (all.Length > MaxDrawnNodes) return TooLargeToDraw(title, all.Length, MaxDrawnNodes);
        var links = edges.ToArray();
        foreach (var (from, to) in links)
            if (from < 0 || to >= all.Length || from >= to)
                throw new ArgumentException($"edge ({from}, {to}) must go from an earlier to a later node of the {all.Length}", nameof(edges));

        var column = new int[all.Length];
        foreach (var (from, to) in links.OrderBy(e => e.To)) column[to] = Math.Max(column[to], column[from] + 1);
        // A leaf (an input, a constant) sits just left of its first user rather than far away in column 0.
        var hasInput = links.Select(e => e.To).ToHashSet();
        foreach (var leaf in Enumerable.Range(0, all.Length).Where(i => !hasInput.Contains(i)))
            if (links.Where(e => e.From == leaf).Select(e => column[e.To]).DefaultIfEmpty(1).Min() - 1 is var c && c > 0) column[leaf] = c;
        var row = new int[all.Length];
        var rowsPerColumn = new Dictionary<int, int>();
        for (var i = 0; i < all.Length; i++) row[i] = rowsPerColumn[column[i]] = rowsPerColumn.GetValueOrDefault(column[i], -1) + 1;
        var tallest = rowsPerColumn.Values.Max() + 1;
        double X(int i) => column[i];
        double Y(int i) => -row[i];   // rows from the top

        var boxes = all.Select((node, i) => new Annotation()
            .With("x", X(i)).With("y", Y(i)).With("xref", "x").With("yref", "y")
            .With("text", node.Label).With("showarrow", false)
            .With("xanchor", "center").With("yanchor", "middle")
            .With("font", new DynamicObj.DynamicObj().With("size", node.IsOperation ? 14 : 11))
            .With("bgcolor", node.IsOperation ? "#f2f2f2" : "white")
            .With("bordercolor", node.Color ?? (node.IsOperation ? Grey : Blue))
            .With("borderwidth", node.IsOperation ? 1 : 2).With("borderpad", 3));
        // Arrows stop short of the boxes' centres so their heads show; drawn first, the boxes cover their tails.
        var arrows = links.Select(e => PlotlyObjects.Arrow(X(e.From), Y(e.From), X(e.To), Y(e.To), Grey, width: 1)
            .With("standoff", 22).With("startstandoff", 22));
        var anchor = PlotlyChart.Point<double, double, string>(
                Enumerable.Range(0, all.Length).Select(X).ToArray(), Enumerable.Range(0, all.Length).Select(Y).ToArray(),
                ShowLegend: false)
            .WithTraceAttribute("marker", new DynamicObj.DynamicObj().With("opacity", 0));
        var width = Math.Max(PlotlyObjects.Width, 110 * (column.Max() + 1));
        var height = Math.Max(300, 70 * tallest + 120);
        return anchor.Finish(title, "", "", width, height)
            .WithXAxis(("visible", false), ("range", new[] { -0.6, column.Max() + 0.6 }))
            .WithYAxis(1, ("visible", false), ("range", new[] { -tallest + 0.4, 0.6 }))
            .WithAnnotations([.. arrows, .. boxes]);
    }
}
