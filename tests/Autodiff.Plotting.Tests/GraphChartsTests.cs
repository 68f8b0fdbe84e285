using System.Text.Json;
using Autodiff.Graphs;
using static Autodiff.Plotting.Tests.GraphGallery;

namespace Autodiff.Plotting.Tests;

public class GraphChartsTests
{
    private static readonly string[] RoleNames = ["parameter", "input", "intermediate", "output", "operation"];

    /// <summary>The traces that draw nodes (one per role), as opposed to the legend's.</summary>
    internal static JsonElement[] NodeTraces(ChartJson json) =>
        [.. json.Traces.Where(t => t.TryGetProperty("customdata", out _))];

    /// <summary>Where each node is drawn, by id, read from the node traces (x, y and the ids in customdata).</summary>
    internal static Dictionary<string, (double X, double Y)> Centres(IEnumerable<JsonElement> nodeTraces)
    {
        var centres = new Dictionary<string, (double, double)>();
        foreach (var trace in nodeTraces)
        {
            var ids = ChartJson.Strings(trace.GetProperty("customdata"));
            var (x, y) = (ChartJson.Numbers(trace.GetProperty("x")), ChartJson.Numbers(trace.GetProperty("y")));
            for (var i = 0; i < ids.Length; i++) centres[ids[i]] = (x[i], y[i]);
        }
        return centres;
    }

    /// <summary>The text shown in a node, by id.</summary>
    internal static Dictionary<string, string> Texts(IEnumerable<JsonElement> nodeTraces) =>
        nodeTraces.SelectMany(t => ChartJson.Strings(t.GetProperty("customdata")).Zip(ChartJson.Strings(t.GetProperty("text"))))
            .ToDictionary(p => p.First, p => p.Second);

    private static bool IsArrow(JsonElement annotation) => annotation.GetProperty("showarrow").GetBoolean();

    private static (double X, double Y) Head(JsonElement arrow) => (arrow.GetProperty("x").GetDouble(), arrow.GetProperty("y").GetDouble());

    private static (double X, double Y) Tail(JsonElement arrow) => (arrow.GetProperty("ax").GetDouble(), arrow.GetProperty("ay").GetDouble());

    [Fact]
    public void Graph_LinearModel_OneTracePerRole_WithTheRightNodesAndColours()
    {
        var (graph, _) = Linear();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var nodes = NodeTraces(json);

        Assert.Equal(RoleNames, nodes.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([2, 1, 1, 1, 2], nodes.Select(t => t.GetProperty("customdata").GetArrayLength()));
        string[] colours = [NodeColors.Parameter, NodeColors.Input, NodeColors.Intermediate, NodeColors.Output, NodeColors.Operation];
        Assert.Equal(colours, nodes.Select(t => t.GetProperty("marker").GetProperty("color").GetString()));
        var parameters = ChartJson.Strings(nodes[0].GetProperty("customdata"));
        Assert.Equal(graph.DataNodes.Where(n => n.Role == NodeRole.Parameter).Select(n => n.Id).Order(), parameters.Order());
        // The nodes' text is drawn on top of their outlines, which are layout shapes in the role's colour.
        Assert.Equal(7, json.Shapes.Length);
        Assert.Equal(colours.Zip([2, 1, 1, 1, 2]).SelectMany(p => Enumerable.Repeat(p.First, p.Second)).Order(),
            json.Shapes.Select(s => s.GetProperty("fillcolor").GetString()).Order());
    }

    [Fact]
    public void TextExports_WithTheArticlesPalette_FillEachNodeInItsRolesColour_AndTheActiveStepInRed()
    {
        var (graph, trace) = Linear();
        string dot = graph.ToDot(palette: NodeColors.Palette);
        Assert.Contains("  t0 [label=\"w\\nvalue 3\\ngrad -2\", shape=box, style=\"rounded,filled\", fillcolor=\"#F5A623\", class=\"parameter\"];\n", dot);
        Assert.Contains("  op0 [label=\"Mul\", shape=ellipse, style=filled, fillcolor=\"#E6E6E6\", class=\"operation\", tooltip=", dot);
        Assert.Contains("  classDef output fill:#B57EDC,stroke:#333333,color:#000000\n", graph.ToMermaid(palette: NodeColors.Palette));

        var atZ = graph.Replay(trace).Single(f => f.Node.Name == "z");
        Assert.Contains("class=\"intermediate\", color=\"#D0021B\", penwidth=3];", graph.ToDot(atZ, NodeColors.Palette));
        Assert.Contains("  style t2 stroke:#D0021B,stroke-width:3px\n", graph.ToMermaid(atZ, NodeColors.Palette));
    }

    [Fact]
    public void Graph_OperationNodes_AreEllipsesWithTheOperatorSymbol_DataNodesAreBoxes()
    {
        var (graph, _) = Linear();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var nodes = NodeTraces(json);
        var centres = Centres(nodes);

        var operations = nodes.Single(t => t.GetProperty("name").GetString() == "operation");
        Assert.Equal(["×", "+"], ChartJson.Strings(operations.GetProperty("text")));
        Assert.Equal("circle", operations.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.All(nodes.Where(t => t.GetProperty("name").GetString() != "operation"),
            t => Assert.Equal("square", t.GetProperty("marker").GetProperty("symbol").GetString()));

        foreach (var shape in json.Shapes)
        {
            var centre = ((shape.GetProperty("x0").GetDouble() + shape.GetProperty("x1").GetDouble()) / 2,
                (shape.GetProperty("y0").GetDouble() + shape.GetProperty("y1").GetDouble()) / 2);
            var id = centres.Single(c => Math.Abs(c.Value.X - centre.Item1) < 1e-9 && Math.Abs(c.Value.Y - centre.Item2) < 1e-9).Key;
            Assert.Equal(id.StartsWith("op", StringComparison.Ordinal) ? "circle" : "rect", shape.GetProperty("type").GetString());
        }
    }

    [Fact]
    public void Graph_OneArrowPerEdge_FromInputToOperationToResult_LeftToRight()
    {
        var (graph, _) = Linear();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var centres = Centres(NodeTraces(json));
        var arrows = json.Annotations.Where(IsArrow).ToArray();

        Assert.Equal(graph.Edges.Count, arrows.Length);
        foreach (var edge in graph.Edges)
        {
            var arrow = Assert.Single(arrows, a => Tail(a) == centres[edge.From.Id] && Head(a) == centres[edge.To.Id]);
            Assert.True(Head(arrow).X > Tail(arrow).X, $"{edge.From.Id} → {edge.To.Id} points right");
            Assert.Equal("x", arrow.GetProperty("axref").GetString());
        }
    }

    [Fact]
    public void Graph_ArrowsStopAtTheOutlines_NotUnderTheNodes()
    {
        var (graph, _) = LogisticRegression();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var centres = Centres(NodeTraces(json));
        var outlines = json.Shapes.ToDictionary(
            s => centres.Single(c => Math.Abs(c.Value.X - (s.GetProperty("x0").GetDouble() + s.GetProperty("x1").GetDouble()) / 2) < 1e-9
                && Math.Abs(c.Value.Y - (s.GetProperty("y0").GetDouble() + s.GetProperty("y1").GetDouble()) / 2) < 1e-9).Key,
            s => (HalfWidth: (s.GetProperty("x1").GetDouble() - s.GetProperty("x0").GetDouble()) / 2,
                HalfHeight: (s.GetProperty("y1").GetDouble() - s.GetProperty("y0").GetDouble()) / 2));

        foreach (var arrow in json.Annotations.Where(IsArrow))
        {
            var (head, tail) = (Head(arrow), Tail(arrow));
            var to = centres.Single(c => c.Value == head).Key;
            var from = centres.Single(c => c.Value == tail).Key;
            var length = Math.Sqrt(Math.Pow(head.X - tail.X, 2) + Math.Pow(head.Y - tail.Y, 2));
            var (standoff, startStandoff) = (arrow.GetProperty("standoff").GetDouble(), arrow.GetProperty("startstandoff").GetDouble());
            // The visible stretch starts outside the tail's outline, ends outside the head's, and is long enough to see.
            Assert.True(standoff >= Math.Min(outlines[to].HalfWidth, outlines[to].HalfHeight), $"{from} → {to}: head hidden");
            Assert.True(startStandoff >= Math.Min(outlines[from].HalfWidth, outlines[from].HalfHeight), $"{from} → {to}: tail hidden");
            Assert.True(length - standoff - startStandoff >= 20, $"{from} → {to}: only {length - standoff - startStandoff:F0} px visible");
        }
    }

    [Fact]
    public void Graph_Labels_ShowNameValueAndGradient_HoverShowsTheDerivative()
    {
        var (graph, _) = Linear();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var nodes = NodeTraces(json);
        var texts = Texts(nodes);
        string Id(string name) => graph.DataNodes.Single(n => n.Name == name).Id;

        Assert.Equal("<b>w</b><br>value 3<br>grad −2", texts[Id("w")]);
        Assert.Equal("<b>z</b><br>value −6<br>grad 1", texts[Id("z")]);
        // x is an input that needs no gradient: no "grad" line.
        Assert.Equal("<b>x</b><br>value −2", texts[Id("x")]);

        var operations = nodes.Single(t => t.GetProperty("name").GetString() == "operation");
        var hover = ChartJson.Strings(operations.GetProperty("hovertext"));
        var mul = graph.OperationNodes.Single(o => o.Name == "Mul");
        Assert.NotEmpty(mul.Derivative);
        Assert.Contains(mul.Derivative, hover[0]);
        Assert.Contains(mul.Formula, hover[0]);
        Assert.Equal("text", operations.GetProperty("hoverinfo").GetString());
    }

    [Fact]
    public void Graph_Legend_OneEntryPerRole_InTheArticlesColours()
    {
        var json = ChartJson.Of(Charts.ComputationalGraph(Linear().Graph));
        var legend = json.Traces.Where(t => t.GetProperty("showlegend").GetBoolean()).ToArray();
        Assert.Equal(RoleNames, legend.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["#F5A623", "#7ED321", "#4A90E2", "#B57EDC", "#E6E6E6"],
            legend.Select(t => t.GetProperty("marker").GetProperty("color").GetString()));
        Assert.All(NodeTraces(json), t => Assert.False(t.GetProperty("showlegend").GetBoolean()));
    }

    [Fact]
    public void Graph_AxesArePixels_SoArrowsAndBoxesAgreeAtEverySize()
    {
        foreach (var graph in new[] { Linear().Graph, LogisticRegression().Graph })
        {
            var layout = ChartJson.Of(Charts.ComputationalGraph(graph)).Layout;
            var margin = layout.GetProperty("margin");
            Assert.False(margin.GetProperty("autoexpand").GetBoolean());
            var plotWidth = layout.GetProperty("width").GetDouble() - margin.GetProperty("l").GetDouble() - margin.GetProperty("r").GetDouble();
            var plotHeight = layout.GetProperty("height").GetDouble() - margin.GetProperty("t").GetDouble() - margin.GetProperty("b").GetDouble();
            Assert.Equal(Math.Ceiling(ChartJson.Numbers(layout.GetProperty("xaxis").GetProperty("range"))[1]), plotWidth);
            Assert.Equal(plotHeight, ChartJson.Numbers(layout.GetProperty("yaxis").GetProperty("range"))[1], 6);
            Assert.False(layout.GetProperty("xaxis").GetProperty("visible").GetBoolean());
        }
    }

    [Fact]
    public void Graph_LogisticRegressionWithLoss_EveryNodeDrawn_SizedFromItsLayers()
    {
        var (graph, _) = LogisticRegression();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var nodes = NodeTraces(json);

        Assert.InRange(graph.Nodes.Count, 15, 30);
        Assert.Equal(graph.Nodes.Count, Centres(nodes).Count);
        foreach (var trace in nodes)
        {
            var role = Enum.Parse<NodeRole>(trace.GetProperty("name").GetString()!, ignoreCase: true);
            Assert.Equal(graph.Nodes.Count(n => n.Role == role), trace.GetProperty("customdata").GetArrayLength());
        }
        Assert.Equal(["w1", "w2", "b"], graph.DataNodes.Where(n => n.Role == NodeRole.Parameter).Select(n => n.Name));
        Assert.Contains("σ", ChartJson.Strings(nodes.Single(t => t.GetProperty("name").GetString() == "operation").GetProperty("text")));

        Assert.Equal(GraphLayout.Of(graph).LayerCount, Centres(nodes).Values.Select(c => c.X).Distinct().Count());
        // No two nodes overlap, halo room included.
        var boxes = json.Shapes.Select(s => (X0: s.GetProperty("x0").GetDouble(), X1: s.GetProperty("x1").GetDouble(),
            Y0: s.GetProperty("y0").GetDouble(), Y1: s.GetProperty("y1").GetDouble())).ToArray();
        for (var i = 0; i < boxes.Length; i++)
            for (var j = i + 1; j < boxes.Length; j++)
                Assert.True(boxes[i].X1 + 14 < boxes[j].X0 || boxes[j].X1 + 14 < boxes[i].X0
                    || boxes[i].Y1 + 14 < boxes[j].Y0 || boxes[j].Y1 + 14 < boxes[i].Y0, $"shapes {i} and {j} overlap");

        var wide = json.Layout.GetProperty("width").GetDouble();
        var narrow = ChartJson.Of(Charts.ComputationalGraph(Linear().Graph)).Layout.GetProperty("width").GetDouble();
        Assert.True(wide > narrow + 300, $"{wide} px for {GraphLayout.Of(graph).LayerCount} layers vs {narrow} px for 5");
    }

    [Fact]
    public void Graph_NodeUsedTwice_HasTwoArrowsOut_AndBothGradientsAddedUp()
    {
        var (graph, _) = UsedTwice();
        var json = ChartJson.Of(Charts.ComputationalGraph(graph));
        var centres = Centres(NodeTraces(json));
        var a = graph.DataNodes.Single(n => n.Name == "a");

        var outOfA = json.Annotations.Where(IsArrow).Where(arrow => Tail(arrow) == centres[a.Id]).ToArray();
        Assert.Equal(2, outOfA.Length);
        Assert.Equal(graph.OperationNodes.Where(o => o.Name == "Mul").Select(o => centres[o.Id]).Order(), outOfA.Select(Head).Order());
        Assert.Contains("grad 5", Texts(NodeTraces(json))[a.Id]);
    }

    [Fact]
    public void Graph_FromATensor_IsTheGraphOfThatTensor()
    {
        var w = new Tensor(2.0, requiresGrad: true) { Name = "w" };
        var y = (w * w).Sigmoid();
        y.Backward();
        var json = ChartJson.Of(Charts.ComputationalGraph(y, title: "σ(w²)"));
        Assert.Equal("σ(w²)", json.Title);
        Assert.Equal(["×", "σ"], ChartJson.Strings(NodeTraces(json).Single(t => t.GetProperty("name").GetString() == "operation").GetProperty("text")));
        Assert.Throws<ArgumentNullException>(() => Charts.ComputationalGraph((ComputationalGraph)null!));
    }

    [Fact]
    public void Graph_Vectors_ShowShortListsOrTheShape()
    {
        var v = new Tensor([1.0, -2.0], requiresGrad: true) { Name = "v" };
        var u = new Tensor([1.0, 2.0, 3.0, 4.0]) { Name = "u" };
        var p = new Tensor([0.5, 0.5, 0.5, 0.5], requiresGrad: true) { Name = "p" };
        var loss = (v * v).Sum() + (p * u).Sum();
        loss.Backward();
        var graph = ComputationalGraph.From(loss);
        var texts = Texts(NodeTraces(ChartJson.Of(Charts.ComputationalGraph(graph))));

        Assert.Equal("<b>v</b><br>value [1, −2]<br>grad [2, −4]", texts[graph.DataNodes.Single(n => n.Name == "v").Id]);
        Assert.Equal("<b>u</b><br>value shape (4,)", texts[graph.DataNodes.Single(n => n.Name == "u").Id]);
        Assert.Equal("<b>p</b><br>value shape (4,)<br>grad shape (4,)", texts[graph.DataNodes.Single(n => n.Name == "p").Id]);
    }

    [Fact]
    public void Graph_OfALoneLeaf_IsOneBoxAndNoArrows()
    {
        var json = ChartJson.Of(Charts.ComputationalGraph(new Tensor(1.5) { Name = "x" }));
        Assert.Equal(["output"], NodeTraces(json).Select(t => t.GetProperty("name").GetString()));
        Assert.Single(json.Shapes);
        Assert.DoesNotContain(json.Annotations, a => a.GetProperty("showarrow").GetBoolean());
    }
}
