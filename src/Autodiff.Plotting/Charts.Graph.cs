using System.Globalization;
using Autodiff.Graphs;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Graph = Autodiff.Graphs.ComputationalGraph;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace Autodiff.Plotting;

public static partial class Charts
{
    // Between a data box and an operation: room for an arrow; in the replay also for the gradient it carries.
    private const double GraphColumnGap = 36;
    private const double ReplayColumnGap = 62;
    private const double CaptionFontSize = 13;

    /// <summary>
    /// The most nodes (data and operation nodes together) a graph picture draws. A picture is one box and one arrow
    /// per node, placed in pixels: past a few hundred it is unreadable, and plotly's annotations make it slow to
    /// build and to draw (measured with the chain of bench/README.md: 601 nodes in about 4 s, 1,501 in over 2
    /// minutes on the shared 2-core machine). A larger graph gets a chart that says so in one line.
    /// </summary>
    public const int MaxDrawnNodes = 500;

    /// <summary>
    /// The most nodes <see cref="BackwardReplay"/> draws: it draws the whole graph once per step, and there are
    /// about as many steps as data nodes, so its size grows with the square of the graph's.
    /// </summary>
    public const int MaxReplayedNodes = 100;

    /// <summary>
    /// A chart with no data whose title says, in one line, that a graph of <paramref name="nodes"/> nodes is too
    /// large to draw: returned instead of a picture that would take minutes, so a notebook's Run All goes on.
    /// </summary>
    internal static GenericChart TooLargeToDraw(string title, int nodes, int limit) =>
        PlotlyChart.Point<double, double, string>(Array.Empty<double>(), Array.Empty<double>(), ShowLegend: false)
            .Finish(TooLargeMessage(title, nodes, limit), "", "", PlotlyObjects.Width, 160)
            .WithXAxis(("visible", false))
            .WithYAxis(1, ("visible", false));

    /// <summary>E.g. <c>Computational graph: 600,001 nodes, too many to draw (at most 500); draw a smaller graph</c>.</summary>
    internal static string TooLargeMessage(string title, int nodes, int limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{title}: {nodes:N0} nodes, too many to draw (at most {limit:N0}); draw a smaller graph, e.g. one neuron or one example");

    /// <summary>
    /// The article's picture of a computational graph: data nodes as boxes coloured by role (orange parameters,
    /// green inputs, blue intermediate results, purple output) showing name, value and gradient; operation nodes
    /// as grey ellipses with the operation's symbol; arrows from inputs to operations to results, left to right.
    /// Hovering an operation shows its formula and local derivatives.
    /// </summary>
    /// <param name="graph">The graph, e.g. <c>ComputationalGraph.From(loss, model.Parameters())</c> after a backward pass.</param>
    /// <param name="title">Chart title.</param>
    /// <remarks>
    /// The figure is sized from the graph (about 130 px per data layer and 45 px per row): the chart places its
    /// arrows in pixels, so resizing it afterwards misplaces them. Numbers show four significant digits; the
    /// hover text has six. A graph of more than <see cref="MaxDrawnNodes"/> nodes is not drawn: the chart says so
    /// in its title, with the node count.
    /// </remarks>
    /// <example><code>
    /// var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
    /// var x = new Tensor(-2.0) { Name = "x" };
    /// var b = new Tensor(1.0, requiresGrad: true) { Name = "b" };
    /// var y = w * x + b;
    /// y.Backward();
    /// Charts.ComputationalGraph(ComputationalGraph.From(y))
    /// </code></example>
    public static GenericChart ComputationalGraph(Graph graph, string title = "Computational graph")
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.Nodes.Count > MaxDrawnNodes) return TooLargeToDraw(title, graph.Nodes.Count, MaxDrawnNodes);
        static string? Gradient(DataNode node) => node.Gradient is { } g ? GraphPicture.Values(g.ToArray(), node.Shape) : null;
        string[] Lines(DataNode node) => GraphPicture.DataLines(node, Gradient(node));

        var picture = new GraphPicture(graph, [.. graph.DataNodes.Select(Lines)], GraphColumnGap);
        var traces = picture.NodeTraces(Lines, node => HoverText(node, d => d.Gradient?.ToArray()), visible: null)
            .Concat(picture.LegendTraces());
        return picture.Frame(PlotlyChart.Combine(traces), title)
            .WithShapes(picture.NodeShapes())
            .WithAnnotations(graph.Edges.Select(e => picture.EdgeArrow(e, backward: false, GraphPicture.EdgeColor, 1.5)));
    }

    /// <summary>
    /// The computational graph of <paramref name="output"/>: the same as
    /// <c>ComputationalGraph(Autodiff.Graphs.ComputationalGraph.From(output, parameters))</c>.
    /// </summary>
    /// <param name="output">The tensor to draw, typically a loss after a forward and a backward pass.</param>
    /// <param name="parameters">The leaves to colour as parameters; by default every leaf that requires grad.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart ComputationalGraph(Tensor output, IEnumerable<Tensor>? parameters = null,
        string title = "Computational graph")
    {
        ArgumentNullException.ThrowIfNull(output);
        return ComputationalGraph(Graph.From(output, parameters), title);
    }

    /// <summary>
    /// Backpropagation replayed one step at a time: a slider over the steps of a recorded backward pass. At each
    /// step the node being processed and its operation are outlined in red, the gradient it sends back travels
    /// along red arrows labelled with the amount, gradients appear in the boxes as they arrive (the newest in
    /// red), and a caption says what happened, e.g. <c>∂y/∂z = 1 arrives at z; Mul sends −2 to w</c>. A node
    /// used twice shows its gradient as the sum over the paths: <c>∂L/∂a = 2 via b + 3 via c = 5</c>.
    /// </summary>
    /// <param name="graph">The graph the pass ran through.</param>
    /// <param name="trace">The recording of that pass (see <see cref="Autograd.TraceBackward"/>).</param>
    /// <param name="title">Chart title.</param>
    /// <returns>
    /// A chart with one slider step per step of the trace (<see cref="Autodiff.Graphs.ComputationalGraph.Replay"/>);
    /// for a graph of more than <see cref="MaxReplayedNodes"/> nodes, a chart whose title says it is too large.
    /// </returns>
    /// <exception cref="ArgumentException">No step of <paramref name="trace"/> processed a node of <paramref name="graph"/>.</exception>
    /// <example><code>
    /// var a = new Tensor(1.0, requiresGrad: true) { Name = "a" };
    /// var b = a * 2; b.Name = "b";
    /// var c = a * 3; c.Name = "c";
    /// var L = b + c; L.Name = "L";
    /// var trace = Autograd.TraceBackward();
    /// L.Backward();
    /// trace.Dispose();
    /// Charts.BackwardReplay(ComputationalGraph.From(L), trace)
    /// </code></example>
    public static GenericChart BackwardReplay(Graph graph, BackwardTrace trace, string title = "Backpropagation, step by step")
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(trace);
        if (graph.Nodes.Count > MaxReplayedNodes) return TooLargeToDraw(title, graph.Nodes.Count, MaxReplayedNodes);
        var frames = graph.Replay(trace);
        if (frames.Count == 0)
            throw new ArgumentException(
                "No step of the trace processed a node of this graph: record the trace around this graph's Backward().", nameof(trace));

        // A box keeps its size and its "grad" line for the whole replay, so nodes do not jump as gradients arrive.
        var final = frames[^1];
        string[] Lines(BackwardFrame frame, DataNode node)
        {
            if (frame.GradientSoFar(node) is not { } gradient)
                return GraphPicture.DataLines(node, final.GradientSoFar(node) is null ? null : "–");
            var text = GraphPicture.Values(gradient, node.Shape);
            var arrivedNow = frame.Flows.Any(f => ReferenceEquals(f.Edge.From, node)) || (ReferenceEquals(frame.Node, node) && frame == frames[0]);
            return GraphPicture.DataLines(node, arrivedNow ? $"<span style=\"color:{NodeColors.Active}\"><b>{text}</b></span>" : text);
        }

        var labelsSeen = frames.SelectMany(f => graph.DataNodes.Select(n => (IReadOnlyList<string>)Lines(f, n))).ToArray();
        var captions = frames.Select(f => ReplayCaption(graph, trace, f)).ToArray();
        var probe = new GraphPicture(graph, labelsSeen, ReplayColumnGap);
        // The caption sits between the plot and the slider; a caption too long for one line breaks after its ';'.
        var captionWidth = probe.PlotWidth;
        var wrapped = captions.Select(c => GraphPicture.TextWidth(c, CaptionFontSize) > captionWidth ? c.Replace("; ", ";<br>") : c).ToArray();
        var captionLines = wrapped.Max(c => c.Split("<br>").Length);
        var sliderTop = 14 + 19 * captionLines;
        var picture = new GraphPicture(graph, labelsSeen, ReplayColumnGap, marginBottom: sliderTop + 90);

        var perStep = frames.Select((frame, i) => picture.NodeTraces(
            node => Lines(frame, node), node => HoverText(node, frame.GradientSoFar), visible: i == 0)).ToArray();
        var rolesPerStep = perStep[0].Length;
        var legend = picture.LegendTraces();
        var traceCount = frames.Count * rolesPerStep + legend.Length;

        (Shape[] Shapes, Annotation[] Annotations) Layout(int step) =>
            (ReplayShapes(picture, frames[step]), ReplayAnnotations(picture, frames[step], wrapped[step]));

        var sliderSteps = frames.Select((frame, i) =>
        {
            var (shapes, annotations) = Layout(i);
            return PlotlyObjects.SliderStep(SliderLabel(frame, i), VisibleAtStep(i, frames.Count, rolesPerStep, traceCount),
                new DynamicObj.DynamicObj().With("shapes", shapes).With("annotations", annotations));
        }).ToArray();
        var slider = PlotlyObjects.Slider("processing: ", sliderSteps)
            .With("pad", new DynamicObj.DynamicObj().With("t", sliderTop).With("l", 10).With("r", 10));

        // The slider does not apply its first step when the page loads: the chart starts out as step 0 shows it.
        var (shapes0, annotations0) = Layout(0);
        return picture.Frame(PlotlyChart.Combine(perStep.SelectMany(t => t).Concat(legend)), title)
            .WithShapes(shapes0)
            .WithAnnotations(annotations0)
            .WithSlider(slider);
    }

    private static Shape[] ReplayShapes(GraphPicture picture, BackwardFrame frame)
    {
        var active = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance) { frame.Node };
        if (frame.Operation is { } op) active.Add(op);
        return picture.NodeShapes(active);
    }

    /// <summary>
    /// The edges of one step: the gradient's way in (from the node back to its operation) and out (from the
    /// operation back to each input, labelled with the amount) in red and pointing backwards; the rest grey and
    /// forwards; then the caption.
    /// </summary>
    private static Annotation[] ReplayAnnotations(GraphPicture picture, BackwardFrame frame, string caption)
    {
        var arrows = new List<Annotation>();
        var labels = new List<Annotation>();
        foreach (var edge in picture.Graph.Edges)
        {
            var flow = frame.Flows.FirstOrDefault(f => ReferenceEquals(f.Edge, edge));
            var intoOperation = frame.Operation is not null && ReferenceEquals(edge.From, frame.Operation) && ReferenceEquals(edge.To, frame.Node);
            if (flow is null && !intoOperation)
            {
                arrows.Add(picture.EdgeArrow(edge, backward: false, GraphPicture.EdgeColor, 1.5));
                continue;
            }
            arrows.Add(picture.EdgeArrow(edge, backward: true, NodeColors.Active, 2.5));
            if (flow is not null)
                labels.Add(picture.EdgeLabel(edge, GraphPicture.Values(flow.Contribution.Amount, flow.Contribution.To.Shape), NodeColors.Active));
        }
        var text = new Annotation()
            .With("xref", "paper").With("yref", "paper").With("x", 0.0).With("y", 0.0)
            .With("xanchor", "left").With("yanchor", "top").With("yshift", -8).With("align", "left")
            .With("showarrow", false).With("text", caption)
            .With("font", new DynamicObj.DynamicObj().With("family", GraphPicture.Font).With("size", CaptionFontSize).With("color", "#111111"));
        // Labels after arrows, so that no arrow is drawn across a number.
        return [.. arrows, .. labels, text];
    }

    /// <summary>E.g. <c>∂L/∂z = 1 arrives at z; Mul sends 3 to w and −2 to x</c>.</summary>
    internal static string ReplayCaption(Graph graph, BackwardTrace trace, BackwardFrame frame)
    {
        var node = frame.Node;
        var name = NodeName(node);
        var gradient = GraphPicture.Values(frame.Step.Gradient, node.Shape);
        var head = $"∂{NodeName(graph.Output)}/∂{name}";
        // What reached the node before this step, in the order the paths were built (forward order).
        var received = trace.Steps.Take(frame.Step.Index)
            .SelectMany(s => s.Contributions)
            .Where(c => ReferenceEquals(c.To, node.Tensor))
            .Reverse()
            .ToArray();
        string arrival;
        if (received.Length == 0) arrival = $"{head} = {gradient} starts the pass at {name}";
        else if (received.Length == 1) arrival = $"{head} = {gradient} arrives at {name}";
        else
        {
            var paths = string.Join(" + ", received.Select(c =>
                $"{GraphPicture.Values(c.Amount, node.Shape)} via {(graph.Find(c.From) is { } from ? NodeName(from) : "another node")}"));
            arrival = $"{head} = {paths} = {gradient} arrives at {name}";
        }

        if (frame.Operation is not { } op) return $"{arrival}, a leaf: {name}.grad = {gradient}";
        if (frame.Flows.Count == 0) return $"{arrival}; {op.Name} sends nothing back (no input needs a gradient)";
        var sent = frame.Flows.Select(f =>
            $"{GraphPicture.Values(f.Contribution.Amount, f.Contribution.To.Shape)} to {NodeName((DataNode)f.Edge.From)}").ToArray();
        var list = sent.Length == 1 ? sent[0] : string.Join(", ", sent[..^1]) + " and " + sent[^1];
        return $"{arrival}; {op.Name} sends {list}";
    }

    /// <summary>A node's name, or what it is when it has none, e.g. <c>(Mul result)</c>.</summary>
    private static string NodeName(DataNode node) => node.Name ?? (node.Producer is { } op
        ? $"({op.Name} result)"
        : node.Role == NodeRole.Parameter ? "(parameter)" : $"(constant {GraphPicture.Values(node.Value, node.Shape)})");

    /// <summary>The node's name, else its operation's symbol in brackets, e.g. <c>(×)</c>: short enough for a slider tick.</summary>
    private static string SliderLabel(BackwardFrame frame, int index) =>
        frame.Node.Name ?? (frame.Operation is { } op ? $"({GraphPicture.Symbol(op)})" : index.ToString(CultureInfo.InvariantCulture));

    /// <summary>What hovering a node shows: for data, its name, role, value and gradient; for an operation, its formula and derivative.</summary>
    private static string HoverText(GraphNode node, Func<DataNode, double[]?> gradient)
    {
        static string Full(double[] values) => values.Length == 1
            ? values[0].ToString("G6", CultureInfo.InvariantCulture).Replace('-', '−')
            : "[" + string.Join(", ", values.Take(6).Select(v => v.ToString("G6", CultureInfo.InvariantCulture).Replace('-', '−'))) + (values.Length > 6 ? ", …" : "") + "]";

        if (node is OperationNode op)
        {
            var lines = new List<string> { $"<b>{GraphPicture.Escape(op.Name)}</b>" };
            if (op.Formula.Length > 0) lines.Add(GraphPicture.Escape(op.Formula));
            if (op.Derivative.Length > 0) lines.Add(GraphPicture.Escape(op.Derivative));
            return string.Join("<br>", lines);
        }
        var data = (DataNode)node;
        var shape = data.Shape.Count == 0 ? "" : ", shape (" + string.Join(", ", data.Shape) + ")";
        var grad = gradient(data) is { } g ? "grad " + Full(g) : "no gradient (yet)";
        return $"<b>{GraphPicture.Escape(NodeName(data))}</b> · {GraphPicture.RoleName(data.Role)}{shape}<br>value {Full(data.Value)}<br>{grad}" +
            (data.Producer is { } producer ? $"<br>made by {GraphPicture.Escape(producer.Name)}" : "");
    }
}
