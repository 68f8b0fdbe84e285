using Autodiff.Graphs;
using Autodiff.Losses;
using Autodiff.Nn;

namespace Autodiff.Tests.Graphs;

public class ComputationalGraphTests
{
    /// <summary>The article's Figure 1, y = w·x + b at w = 3, x = −2, b = 1, after a backward pass.</summary>
    private static (ComputationalGraph Graph, Tensor W, Tensor X, Tensor B, Tensor Z, Tensor Y) LinearGraph()
    {
        var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
        var x = new Tensor(-2.0, requiresGrad: true) { Name = "x" };
        var b = new Tensor(1.0, requiresGrad: true) { Name = "b" };
        var z = w * x;
        z.Name = "z";
        var y = z + b;
        y.Name = "y";
        y.Backward();
        return (ComputationalGraph.From(y, parameters: [w, b]), w, x, b, z, y);
    }

    [Fact]
    public void ToDot_ForWxPlusB_IsExactlyThisText()
    {
        const string expected = """
            digraph ComputationalGraph {
              rankdir=LR;
              node [fontname="Helvetica", fontsize=11];
              t0 [label="w\nvalue 3\ngrad -2", shape=box, style=rounded, class="parameter"];
              t1 [label="x\nvalue -2\ngrad 3", shape=box, style=rounded, class="input"];
              op0 [label="Mul", shape=ellipse, class="operation", tooltip="z = a · b\n∂z/∂a = b,  ∂z/∂b = a"];
              t2 [label="z\nvalue -6\ngrad 1", shape=box, style=rounded, class="intermediate"];
              t3 [label="b\nvalue 1\ngrad 1", shape=box, style=rounded, class="parameter"];
              op1 [label="Add", shape=ellipse, class="operation", tooltip="z = a + b\n∂z/∂a = 1,  ∂z/∂b = 1"];
              t4 [label="y\nvalue -5\ngrad 1", shape=box, style=rounded, class="output"];
              t0 -> op0;
              t1 -> op0;
              op0 -> t2;
              t2 -> op1;
              t3 -> op1;
              op1 -> t4;
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), LinearGraph().Graph.ToDot());
    }

    /// <summary>A palette whose colours name what they paint, so the text shows where each one goes.</summary>
    private static readonly GraphPalette Named = new(
        Parameter: "#00000P", Input: "#00000I", Intermediate: "#00000M", Output: "#00000O", Operation: "#00000X",
        Active: "#00000A", Outline: "#00000L", Text: "#00000T");

    [Fact]
    public void ToDot_WithAPalette_FillsEachNodeWithItsRolesColour()
    {
        string dot = LinearGraph().Graph.ToDot(palette: Named);
        Assert.Contains("  t0 [label=\"w\\nvalue 3\\ngrad -2\", shape=box, style=\"rounded,filled\", fillcolor=\"#00000P\", class=\"parameter\"];\n", dot);
        Assert.Contains("  op0 [label=\"Mul\", shape=ellipse, style=filled, fillcolor=\"#00000X\", class=\"operation\", tooltip=", dot);
        Assert.Contains("fillcolor=\"#00000I\", class=\"input\"", dot);
        Assert.Contains("fillcolor=\"#00000M\", class=\"intermediate\"", dot);
        Assert.Contains("fillcolor=\"#00000O\", class=\"output\"", dot);
    }

    [Fact]
    public void ToMermaid_ForWxPlusB_IsExactlyThisText()
    {
        const string expected = """
            flowchart LR
              t0["w<br/>value 3<br/>grad -2"]:::parameter
              t1["x<br/>value -2<br/>grad 3"]:::input
              op0(["Mul"]):::operation
              t2["z<br/>value -6<br/>grad 1"]:::intermediate
              t3["b<br/>value 1<br/>grad 1"]:::parameter
              op1(["Add"]):::operation
              t4["y<br/>value -5<br/>grad 1"]:::output
              t0 --> op0
              t1 --> op0
              op0 --> t2
              t2 --> op1
              t3 --> op1
              op1 --> t4

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), LinearGraph().Graph.ToMermaid());
    }

    [Fact]
    public void ToMermaid_WithAPalette_DefinesOneClassPerRole()
    {
        string mermaid = LinearGraph().Graph.ToMermaid(palette: Named);
        Assert.EndsWith("""
              op1 --> t4
              classDef parameter fill:#00000P,stroke:#00000L,color:#00000T
              classDef input fill:#00000I,stroke:#00000L,color:#00000T
              classDef intermediate fill:#00000M,stroke:#00000L,color:#00000T
              classDef output fill:#00000O,stroke:#00000L,color:#00000T
              classDef operation fill:#00000X,stroke:#00000L,color:#00000T

            """.ReplaceLineEndings("\n"), mermaid);
    }

    [Fact]
    public void Model_ForWxPlusB_HasRolesValuesAndGradients()
    {
        var (graph, w, x, b, z, y) = LinearGraph();
        Assert.Equal(5, graph.DataNodes.Count);
        Assert.Equal(2, graph.OperationNodes.Count);
        Assert.Equal(6, graph.Edges.Count);
        Assert.Same(y, graph.Output.Tensor);

        Assert.Equal(NodeRole.Parameter, graph.Find(w)!.Role);
        Assert.Equal(NodeRole.Input, graph.Find(x)!.Role);        // requires grad, but not a parameter
        Assert.Equal(NodeRole.Intermediate, graph.Find(z)!.Role);
        Assert.Equal(NodeRole.Output, graph.Find(y)!.Role);
        Assert.Equal(NodeRole.Parameter, graph.Find(b)!.Role);

        Assert.Equal([-6.0], graph.Find(z)!.Value);
        Assert.Equal(-2.0, graph.Find(w)!.Gradient!.Item());
        var mul = graph.Find(z)!.Producer!;
        Assert.Equal("Mul", mul.Name);
        Assert.Equal("∂z/∂a = b,  ∂z/∂b = a", mul.Derivative);
        Assert.Equal([graph.Find(w)!, graph.Find(x)!], mul.Inputs);

        Assert.Equal(["t0", "t1", "op0", "t2", "t3", "op1", "t4"], graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Parameters_DefaultToTheLeavesThatRequireGrad()
    {
        var (_, w, x, b, _, y) = LinearGraph();
        var graph = ComputationalGraph.From(y);
        Assert.Equal(NodeRole.Parameter, graph.Find(x)!.Role);
        var constant = new Tensor(2.0);
        var graph2 = ComputationalGraph.From(w * constant);
        Assert.Equal(NodeRole.Input, graph2.Find(constant)!.Role);
        Assert.Null(graph2.Find(b));
    }

    [Fact]
    public void Nodes_AreIdentifiedByReference_NotByValue()
    {
        var a = new Tensor(1.0, requiresGrad: true);
        var b = new Tensor(1.0, requiresGrad: true);
        var graph = ComputationalGraph.From(a + b);
        Assert.Equal(3, graph.DataNodes.Count);
        Assert.NotSame(graph.Find(a), graph.Find(b));
        Assert.Null(graph.Find(new Tensor(1.0)));
    }

    [Fact]
    public void NodeUsedTwice_IsOneNode_WithTwoEdgesIntoTheOperation()
    {
        var x = new Tensor(3.0, requiresGrad: true) { Name = "x" };
        var graph = ComputationalGraph.From(x * x);
        var node = graph.Find(x)!;
        var mul = graph.OperationNodes.Single();
        Assert.Equal([node, node], mul.Inputs);
        Assert.Equal([0, 1], graph.Edges.Where(e => e.To == mul).Select(e => e.InputIndex));
        Assert.Equal([mul], node.Successors);
    }

    [Fact]
    public void ForwardOnlyGraph_ShowsValuesWithoutGradients()
    {
        var w = new Tensor(2.0, requiresGrad: true) { Name = "w" };
        var graph = ComputationalGraph.From(w.Exp());
        Assert.Equal(["w", "value 2"], graph.Find(w)!.Label);
        Assert.Null(graph.Find(w)!.GradientText);
    }

    [Fact]
    public void LargeTensors_ShowTheirShape_SmallOnesTheirValues()
    {
        var small = new Tensor([1.0, 2.5], requiresGrad: true) { Name = "v" };
        var large = Tensor.Zeros(3, 4);
        var graph = ComputationalGraph.From(small.Sum() + large);
        Assert.Equal("[1, 2.5]", graph.Find(small)!.ValueText);
        Assert.Equal("shape (3, 4)", graph.Find(large)!.ValueText);
    }

    [Fact]
    public void Exports_EscapeQuotesAndMarkup_InNames()
    {
        var w = new Tensor(1.0, requiresGrad: true) { Name = "say \"hi\" <b>" };
        var graph = ComputationalGraph.From(w.Exp());
        Assert.Contains("label=\"say \\\"hi\\\" <b>\\nvalue 1\"", graph.ToDot());
        Assert.Contains("[\"say #quot;hi#quot; #lt;b#gt;<br/>value 1\"]", graph.ToMermaid());
    }

    [Fact]
    public void DeepGraph_IsBuiltWithoutRecursion()
    {
        const int depth = 100_000;
        var x = new Tensor(0.0, requiresGrad: true);
        var y = x;
        for (int i = 0; i < depth; i++) y = y + 1.0;
        var graph = ComputationalGraph.From(y);
        Assert.Equal(2 * depth + 1, graph.DataNodes.Count);   // the chain plus one constant per addition
        Assert.Equal(depth, graph.Find(y)!.Value[0]);
    }

    [Fact]
    public void ChainOfHundredThousandLinks_EveryNodeEdgeAndGradientIsModelled()
    {
        // The benchmark's deep chain, x → x·1.0001 + 0, at 600,001 graph nodes: the model is built in one pass
        // (bench/README.md times it); here every node must be where the chain puts it.
        const int links = 100_000;
        var x = new Tensor(1.0, requiresGrad: true) { Name = "x" };
        var y = x;
        for (int i = 0; i < links; i++) y = y * 1.0001 + 0.0;
        y.Backward();
        var graph = ComputationalGraph.From(y);

        Assert.Equal(4 * links + 1, graph.DataNodes.Count);   // x, then per link two constants, a product and a sum
        Assert.Equal(2 * links, graph.OperationNodes.Count);
        Assert.Equal(6 * links + 1, graph.Nodes.Count);
        Assert.Equal(3 * 2 * links, graph.Edges.Count);       // two inputs and one output per operation
        Assert.Same(graph.Find(y), graph.Output);
        Assert.Equal($"t{4 * links}", graph.Output.Id);
        Assert.Equal($"op{2 * links - 1}", graph.Output.Producer!.Id);

        var seen = new HashSet<GraphNode>(ReferenceEqualityComparer.Instance);
        DataNode previous = graph.Find(x)!;
        Assert.Equal(NodeRole.Parameter, previous.Role);
        for (int q = 0; q < graph.OperationNodes.Count; q++)
        {
            var op = graph.OperationNodes[q];
            Assert.Equal(q % 2 == 0 ? "Mul" : "Add", op.Name);
            Assert.Same(previous, op.Inputs[0]);                       // the chain runs through input 0
            Assert.Equal(NodeRole.Input, op.Inputs[1].Role);            // the constant 1.0001 or 0
            Assert.Equal([op], previous.Successors);
            Assert.Equal([op.Output], op.Successors);
            Assert.Equal([previous, op.Inputs[1]], op.Predecessors);
            Assert.True(seen.Add(op.Output));
            previous = op.Output;
        }
        Assert.Same(graph.Output, previous);
        Assert.Equal(NodeRole.Output, previous.Role);
        Assert.Equal(6 * links + 1, graph.Nodes.Select(n => n.Id).Distinct().Count());

        // Topological order: each node after its predecessors.
        var position = new Dictionary<GraphNode, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in graph.Nodes)
        {
            foreach (var before in node.Predecessors) Assert.True(position.ContainsKey(before));
            position[node] = position.Count;
        }

        // Gradients as the backward pass left them: ∂y/∂x = 1.0001ⁿ; ∂y/∂(link k's sum) = 1.0001^(n−k).
        Assert.Equal(Math.Pow(1.0001, links), graph.Find(x)!.Gradient!.Item(), 1e-9);
        Assert.Equal(1.0, graph.Output.Gradient!.Item());
        Assert.Equal(Math.Pow(1.0001, links / 2), graph.OperationNodes[links - 1].Output.Gradient!.Item(), 1e-9);
        Assert.Same(graph.Edges[0], graph.Edges[0]);   // made once, the same objects afterwards
    }

    [Fact]
    public void ArticlesFinalPicture_LogisticRegressionAndLoss_ColoursEveryRole()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var x1 = new Tensor(0.5, requiresGrad: true) { Name = "x1" };
        var x2 = new Tensor(-1.0, requiresGrad: true) { Name = "x2" };
        var loss = new BinaryCrossEntropy().Forward(model.Forward(x1, x2), 1);
        loss.Name = "loss";
        loss.Backward();
        var graph = ComputationalGraph.From(loss, parameters: model.Parameters());

        Assert.Equal(["w1", "w2", "b"], graph.DataNodes.Where(n => n.Role == NodeRole.Parameter).Select(n => n.Name));
        Assert.Equal(["x1", "x2", "y"], graph.DataNodes.Where(n => n.Role == NodeRole.Input && n.Name is not null).Select(n => n.Name));
        Assert.Equal(["z", "p"], graph.DataNodes.Where(n => n.Role == NodeRole.Intermediate && n.Name is not null).Select(n => n.Name));
        Assert.Equal("loss", graph.DataNodes.Single(n => n.Role == NodeRole.Output).Name);
        Assert.Contains(graph.OperationNodes, op => op.Name == "BinaryCrossEntropy");
    }
}
