using System.Globalization;
using System.Text.RegularExpressions;
using Autodiff.Graphs;
using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

/// <summary>Where a node sits in a graph picture, in pixels of the plot area (y grows upwards, as on a plotly axis).</summary>
internal readonly record struct NodePlace(double X, double Y, double HalfWidth, double HalfHeight, bool IsOperation)
{
    /// <summary>
    /// How far from the centre the node's outline is, seen from the direction (dx, dy): an arrow that ends this far
    /// from the centre touches the outline instead of disappearing under the node.
    /// </summary>
    public double ReachToward(double dx, double dy)
    {
        var length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0) return 0;
        var (ux, uy) = (Math.Abs(dx) / length, Math.Abs(dy) / length);
        return IsOperation
            ? 1 / Math.Sqrt(ux * ux / (HalfWidth * HalfWidth) + uy * uy / (HalfHeight * HalfHeight))
            : Math.Min(ux == 0 ? double.PositiveInfinity : HalfWidth / ux, uy == 0 ? double.PositiveInfinity : HalfHeight / uy);
    }
}

/// <summary>
/// The drawing of a <see cref="ComputationalGraph"/>: data nodes as boxes coloured by role, operations as grey
/// ellipses with the operation's symbol, edges as arrows, all placed in pixels.
/// </summary>
/// <remarks>
/// Plotly places text and arrowheads in pixels but shapes in axis units, so the picture makes the two the same:
/// the axes run from 0 to the plot area's size in pixels, the margins are fixed (<c>autoexpand: false</c>), and
/// the figure's size is computed from the graph. Then every box fits its text and every arrow stops exactly at
/// the outline of the node it points to (its <c>standoff</c>), whatever the angle. Text is measured by estimate,
/// generously, in a font every platform has.
/// </remarks>
internal sealed partial class GraphPicture
{
    public const string Font = "Arial, 'Liberation Sans', Helvetica, sans-serif";
    public const string EdgeColor = "#666666";
    public const double FontSize = 12;
    private const double LineHeight = 16;
    private const double PadX = 7, PadY = 5;
    private const double OperationHeight = 30;
    private const double RowGap = 22;
    private const double SidePad = 14;

    // Margins around the plot area: the title and the legend above, room for a caption and a slider below.
    public const int MarginTop = 96, MarginSide = 24, MarginBottom = 24;
    private const int MinimumWidth = 600;

    /// <summary>Where each node goes: its column and row.</summary>
    public GraphLayout Layout { get; }

    public GraphPicture(ComputationalGraph graph, IReadOnlyList<IReadOnlyList<string>> labelsSeen, double columnGap, int marginBottom = MarginBottom)
    {
        Graph = graph;
        MarginBottomPx = marginBottom;
        var box = BoxFor(labelsSeen);
        var sizes = graph.Nodes.ToDictionary(n => n, n => n is OperationNode op
            ? (HalfWidth: Math.Max(OperationHeight, TextWidth(Symbol(op), FontSize + 2) + 14) / 2, HalfHeight: OperationHeight / 2)
            : box, (IEqualityComparer<GraphNode>)ReferenceEqualityComparer.Instance);

        Layout = GraphLayout.Of(graph);
        var layers = graph.Nodes.GroupBy(Layout.Layer).OrderBy(g => g.Key).ToArray();
        var columnWidth = layers.Select(layer => 2 * layer.Max(n => sizes[n].HalfWidth)).ToArray();
        var pitch = 2 * box.HalfHeight + RowGap;
        var rows = layers.Max(layer => layer.Count());
        var graphWidth = columnWidth.Sum() + columnGap * (layers.Length - 1);
        // A small graph gets a wider plot area rather than wider margins: plotly wraps the legend at the plot
        // area's width, and a wrapped legend runs into the title.
        PlotWidth = Math.Max(2 * SidePad + graphWidth, MinimumWidth - 2 * MarginSide);
        PlotHeight = rows * pitch;

        var places = new Dictionary<GraphNode, NodePlace>(ReferenceEqualityComparer.Instance);
        var x = (PlotWidth - graphWidth) / 2;
        for (var l = 0; l < layers.Length; l++)
        {
            x += columnWidth[l] / 2;
            foreach (var node in layers[l])
            {
                var (hw, hh) = sizes[node];
                // Y counts rows downwards from the layer's middle; plotly's y axis points up.
                places[node] = new NodePlace(x, PlotHeight / 2 - Layout.Y(node) * pitch, hw, hh, node is OperationNode);
            }
            x += columnWidth[l] / 2 + columnGap;
        }
        Places = places;

        Width = (int)Math.Ceiling(PlotWidth) + 2 * MarginSide;
        Height = (int)Math.Ceiling(PlotHeight) + MarginTop + marginBottom;
    }

    public ComputationalGraph Graph { get; }

    public IReadOnlyDictionary<GraphNode, NodePlace> Places { get; }

    public double PlotWidth { get; }

    public double PlotHeight { get; }

    public int Width { get; }

    public int Height { get; }

    public int MarginBottomPx { get; }

    /// <summary>The role's name as the legend says it, e.g. "parameter".</summary>
    public static string RoleName(NodeRole role) => role.ToString().ToLowerInvariant();

    /// <summary>What an operation node shows: the operation's own <see cref="Operation.Symbol"/>.</summary>
    public static string Symbol(OperationNode op) => op.Operation.Symbol;

    /// <summary>A number as the picture shows it: four significant digits and a true minus sign.</summary>
    public static string Number(double value) =>
        value.ToString("G4", CultureInfo.InvariantCulture).Replace('-', '−');

    /// <summary>Values as the picture shows them: one number, up to three in a list, or else the shape.</summary>
    public static string Values(double[] values, IReadOnlyList<int> shape) => ValueText.Of(values, shape, maxListed: 3, Number);

    /// <summary>
    /// A data node's lines: its name in bold (if it has one), its value, and its gradient: <paramref name="gradient"/>
    /// when given, nothing when null.
    /// </summary>
    public static string[] DataLines(DataNode node, string? gradient)
    {
        var lines = new List<string>(3);
        if (node.Name is { } name) lines.Add($"<b>{Escape(name)}</b>");
        lines.Add("value " + Values(node.Value, node.Shape));
        if (gradient is not null) lines.Add("grad " + gradient);
        return [.. lines];
    }

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// One trace per role that occurs, in the order of <see cref="NodeRole"/>: text at each node's centre, and an
    /// invisible marker as large as the node, so hovering anywhere on a node shows its hover text.
    /// </summary>
    public GenericChart[] NodeTraces(Func<DataNode, string[]> lines, Func<GraphNode, string> hover, bool? visible)
    {
        var traces = new List<GenericChart>();
        foreach (var group in Graph.Nodes.GroupBy(n => n.Role).OrderBy(g => g.Key))
        {
            var nodes = group.ToArray();
            var isOperation = group.Key == NodeRole.Operation;
            var chart = PlotlyChart.Scatter<double, double, string>(
                    nodes.Select(n => Places[n].X).ToArray(), nodes.Select(n => Places[n].Y).ToArray(),
                    StyleParam.Mode.Markers_Text, Name: RoleName(group.Key), ShowLegend: false)
                .WithTraceAttribute("text", nodes.Select(n => n is DataNode d ? string.Join("<br>", lines(d)) : Symbol((OperationNode)n)).ToArray())
                .WithTraceAttribute("textposition", "middle center")
                .WithTraceAttribute("textfont", new DynamicObj.DynamicObj().With("family", Font)
                    .With("size", isOperation ? FontSize + 2 : FontSize).With("color", "#111111"))
                .WithTraceAttribute("hovertext", nodes.Select(hover).ToArray())
                .WithTraceAttribute("hoverinfo", "text")
                // The node ids, so that a reader of the figure's JSON (or a test) can tell which node is which.
                .WithTraceAttribute("customdata", nodes.Select(n => n.Id).ToArray())
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj()
                    .With("symbol", isOperation ? "circle" : "square")
                    .With("size", nodes.Select(n => 2 * Places[n].HalfHeight).ToArray())
                    .With("color", NodeColors.Of(group.Key))
                    .With("opacity", 0))
                .WithTraceAttribute("cliponaxis", false)
                .WithTraceAttribute("legendgroup", RoleName(group.Key));
            if (visible is bool v) chart = chart.WithTraceAttribute("visible", v);
            traces.Add(chart);
        }
        return [.. traces];
    }

    /// <summary>
    /// The legend: one entry per role that occurs, each a trace with one point far outside the plot, drawn like
    /// the nodes (a square in the role's colour, a grey circle for operations).
    /// </summary>
    public GenericChart[] LegendTraces() =>
        [.. Graph.Nodes.Select(n => n.Role).Distinct().Order().Select(role =>
            PlotlyChart.Scatter<double, double, string>([-1000.0], [-1000.0], StyleParam.Mode.Markers,
                    Name: RoleName(role), ShowLegend: true)
                .WithTraceAttribute("marker", new DynamicObj.DynamicObj()
                    .With("symbol", role == NodeRole.Operation ? "circle" : "square")
                    .With("size", 14).With("color", NodeColors.Of(role))
                    .With("line", new DynamicObj.DynamicObj().With("color", NodeColors.Outline).With("width", 1)))
                .WithTraceAttribute("hoverinfo", "skip")
                .WithTraceAttribute("legendgroup", RoleName(role)))];

    /// <summary>
    /// The outline of every node: a box in the role's colour for a data node, a grey ellipse for an operation;
    /// the <paramref name="active"/> nodes get a red outline and a pale red halo.
    /// </summary>
    public Shape[] NodeShapes(IReadOnlySet<GraphNode>? active = null)
    {
        var shapes = new List<Shape>();
        foreach (var node in Graph.Nodes)
        {
            var place = Places[node];
            var isActive = active?.Contains(node) == true;
            if (isActive) shapes.Add(Outline(place, grow: 7, fill: "rgba(208, 2, 27, 0.18)", line: null, width: 0));
            shapes.Add(Outline(place, grow: 0, fill: NodeColors.Of(node.Role),
                line: isActive ? NodeColors.Active : NodeColors.Outline, width: isActive ? 3 : 1));
        }
        return [.. shapes];
    }

    private static Shape Outline(NodePlace place, double grow, string fill, string? line, double width) =>
        new Shape()
            .With("type", place.IsOperation ? "circle" : "rect")
            .With("xref", "x").With("yref", "y")
            .With("x0", place.X - place.HalfWidth - grow).With("x1", place.X + place.HalfWidth + grow)
            .With("y0", place.Y - place.HalfHeight - grow).With("y1", place.Y + place.HalfHeight + grow)
            .With("fillcolor", fill)
            .With("line", new DynamicObj.DynamicObj().With("color", line ?? "rgba(0, 0, 0, 0)").With("width", width))
            // Below the traces, so the node's text is drawn on top of its box.
            .With("layer", "below");

    /// <summary>
    /// An arrow along <paramref name="edge"/>, from its start to its end (forward), or from its end back to its
    /// start (backward, the way gradients travel), stopping at both nodes' outlines.
    /// </summary>
    public Annotation EdgeArrow(GraphEdge edge, bool backward, string color, double width)
    {
        var (from, to) = backward ? (Places[edge.To], Places[edge.From]) : (Places[edge.From], Places[edge.To]);
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        return PlotlyObjects.Arrow(from.X, from.Y, to.X, to.Y, color, width)
            .With("arrowhead", 2).With("arrowsize", 1.1)
            .With("standoff", to.ReachToward(dx, dy) + (backward ? 4 : 2))
            .With("startstandoff", from.ReachToward(dx, dy) + (backward ? 4 : 2));
    }

    /// <summary>
    /// A short text beside the middle of the visible part of an edge, e.g. the gradient it carries: on the side
    /// away from the edge's other end's neighbours (above an edge that comes down into an operation, below one that
    /// goes up into it), and just far enough from the line that the text does not cover it.
    /// </summary>
    public Annotation EdgeLabel(GraphEdge edge, string text, string color)
    {
        var (from, to) = (Places[edge.From], Places[edge.To]);
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        // The middle of the stretch between the two outlines, not between the centres: a box is wider than an ellipse.
        var middle = (from.ReachToward(dx, dy) + length - to.ReachToward(dx, dy)) / 2 / length;
        // A unit normal of the edge, pointing up unless the edge rises, so that two edges converging on one
        // operation get their labels on their outer sides.
        var (nx, ny) = (-dy / length, dx / length);
        if (ny < 0 || (ny == 0 && nx < 0)) (nx, ny) = (-nx, -ny);
        if (dy > 0) (nx, ny) = (-nx, -ny);
        var (halfWidth, halfHeight) = (TextWidth(text, FontSize - 1) / 2 + 2, (FontSize - 1) * 0.7 + 1);
        var offset = halfWidth * Math.Abs(nx) + halfHeight * Math.Abs(ny) + 2;
        return new Annotation()
            .With("x", from.X + middle * dx + offset * nx).With("y", from.Y + middle * dy + offset * ny)
            .With("xref", "x").With("yref", "y").With("showarrow", false)
            .With("text", text)
            .With("font", new DynamicObj.DynamicObj().With("family", Font).With("size", FontSize - 1).With("color", color))
            .With("bgcolor", "rgba(255, 255, 255, 0.85)").With("borderpad", 1);
    }

    /// <summary>The chart around the picture: fixed pixel axes, no grid, a legend of the roles above the plot.</summary>
    public GenericChart Frame(GenericChart traces, string title) =>
        traces.Finish(title, "", "", Width, Height)
            .WithXAxis(PixelAxis(PlotWidth))
            .WithYAxis(1, PixelAxis(PlotHeight))
            .WithLayoutAttribute("margin", new DynamicObj.DynamicObj()
                .With("l", MarginSide).With("r", MarginSide).With("t", MarginTop).With("b", MarginBottomPx)
                // Plotly would otherwise grow the margins to fit the legend, which shrinks the plot area and breaks
                // the agreement between axis units and pixels that the arrows rely on.
                .With("autoexpand", false))
            .WithLayoutAttribute("dragmode", false)
            .WithLayoutAttribute("hovermode", "closest")
            .WithLayoutAttribute("plot_bgcolor", "white")
            .WithLegend(new Legend()
                .With("orientation", "h")
                // Measured on the whole figure, like the title it sits under: a narrow graph's plot area is
                // narrower than the legend, which would wrap onto a second row, into the title.
                .With("xref", "container").With("x", 0.05).With("xanchor", "left")
                .With("y", 1 + 8 / PlotHeight).With("yanchor", "bottom")
                // The legend is a key, not a filter: hiding a role's traces would leave its boxes behind.
                .With("itemclick", false).With("itemdoubleclick", false));

    private static (string, object)[] PixelAxis(double size) =>
        [("range", new[] { 0.0, size }), ("visible", false), ("fixedrange", true), ("showgrid", false), ("zeroline", false)];

    /// <summary>A generous estimate of a line's width in pixels (markup removed), for sizing boxes.</summary>
    public static double TextWidth(string text, double fontSize)
    {
        var plain = Markup().Replace(text, "").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
        var ems = plain.Sum(c => c switch
        {
            '.' or ',' or ' ' or ':' or 'i' or 'l' or 'j' or '|' or '\'' => 0.3,
            'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' => 0.36,
            'm' or 'w' or 'M' or 'W' => 0.86,
            _ when char.IsUpper(c) => 0.7,
            _ => 0.58,
        });
        return ems * fontSize * (text.Contains("<b>", StringComparison.Ordinal) ? 1.08 : 1.0);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Markup();

    /// <summary>One size for every data box: wide enough for the widest line and tall enough for the most lines.</summary>
    private static (double HalfWidth, double HalfHeight) BoxFor(IReadOnlyList<IReadOnlyList<string>> labels)
    {
        var width = Math.Max(56, labels.SelectMany(l => l).Select(line => TextWidth(line, FontSize)).DefaultIfEmpty(0).Max() + 2 * PadX);
        var lines = Math.Max(2, labels.Select(l => l.Count).DefaultIfEmpty(0).Max());
        return (width / 2, (lines * LineHeight + 2 * PadY) / 2);
    }
}
