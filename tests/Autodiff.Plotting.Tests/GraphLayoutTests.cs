using Autodiff.Graphs;
using Autodiff.Losses;
using Autodiff.Nn;

namespace Autodiff.Plotting.Tests;

/// <summary>Where the charts put the nodes of a computational graph: columns, rows, and few crossings.</summary>
public class GraphLayoutTests
{
    [Fact]
    public void WxPlusB_LeavesWaitNextToTheirOperation()
    {
        var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
        var x = new Tensor(-2.0, requiresGrad: true) { Name = "x" };
        var b = new Tensor(1.0, requiresGrad: true) { Name = "b" };
        var z = w * x;
        z.Name = "z";
        var y = z + b;
        var graph = ComputationalGraph.From(y, parameters: [w, b]);
        var layout = GraphLayout.Of(graph);

        // Layers: w, x | Mul | z, b (b waits next to the addition) | Add | y.
        Assert.Equal(5, layout.LayerCount);
        Assert.Equal([0, 0, 1, 2, 2, 3, 4], graph.Nodes.Select(layout.Layer));
        Assert.Equal([-0.5, 0.5, 0, -0.5, 0.5, 0, 0], graph.Nodes.Select(layout.Y));
    }

    [Fact]
    public void SmallGraph_EdgesDoNotCross()
    {
        var a = new Tensor(1.0, requiresGrad: true) { Name = "a" };
        var b = new Tensor(2.0, requiresGrad: true) { Name = "b" };
        var c = new Tensor(3.0, requiresGrad: true) { Name = "c" };
        // In topological order the leaves are a, b, c, and b → a·b crosses a → c·a; a belongs between b and c.
        var graph = ComputationalGraph.From(a * b + c * a);
        var layout = GraphLayout.Of(graph);
        Assert.Equal(0, Crossings(graph, layout));
        Assert.Equal(["b", "a", "c"], graph.DataNodes.Where(n => layout.Layer(n) == 0).OrderBy(layout.Order).Select(n => n.Name));
    }

    [Fact]
    public void ArticlesFinalPicture_HasNoCrossings()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var x1 = new Tensor(0.5, requiresGrad: true) { Name = "x1" };
        var x2 = new Tensor(-1.0, requiresGrad: true) { Name = "x2" };
        var loss = new BinaryCrossEntropy().Forward(model.Forward(x1, x2), 1);
        loss.Backward();
        var graph = ComputationalGraph.From(loss, parameters: model.Parameters());
        Assert.Equal(0, Crossings(graph, GraphLayout.Of(graph)));
    }

    [Fact]
    public void DeepGraph_IsLaidOutWithoutRecursion()
    {
        const int depth = 100_000;
        var y = new Tensor(0.0, requiresGrad: true);
        for (int i = 0; i < depth; i++) y = y + 1.0;
        Assert.Equal(2 * depth + 1, GraphLayout.Of(ComputationalGraph.From(y)).LayerCount);
    }

    /// <summary>Pairs of edges between adjacent layers that cross, in the layout's coordinates.</summary>
    private static int Crossings(ComputationalGraph graph, GraphLayout layout)
    {
        var spans = graph.Edges.Where(e => layout.Layer(e.To) == layout.Layer(e.From) + 1).ToList();
        int crossings = 0;
        for (int i = 0; i < spans.Count; i++)
            for (int j = i + 1; j < spans.Count; j++)
            {
                var (a, b) = (spans[i], spans[j]);
                if (layout.Layer(a.From) != layout.Layer(b.From)) continue;
                if ((layout.Y(a.From) - layout.Y(b.From)) * (layout.Y(a.To) - layout.Y(b.To)) < 0) crossings++;
            }
        return crossings;
    }
}
