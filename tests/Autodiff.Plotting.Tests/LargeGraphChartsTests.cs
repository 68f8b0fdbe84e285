using Autodiff.Graphs;

namespace Autodiff.Plotting.Tests;

/// <summary>
/// A graph too large to draw (a learner drawing micrograd's whole MLP, or a deep chain) gets a chart that says so
/// in one line with its node count, instead of a picture that would take minutes to build.
/// </summary>
public class LargeGraphChartsTests
{
    private static (Tensor X, Tensor Y) Chain(int links)
    {
        var x = new Tensor(1.0, requiresGrad: true) { Name = "x" };
        var y = x;
        for (int i = 0; i < links; i++) y = y * 1.0001 + 0.0;
        return (x, y);
    }

    [Fact]
    public void Graph_OfSixHundredThousandNodes_SaysSoInOneLine_WithTheCount()
    {
        var (_, y) = Chain(100_000);
        y.Backward();
        var json = ChartJson.Of(Charts.ComputationalGraph(ComputationalGraph.From(y)));

        Assert.Equal("Computational graph: 600,001 nodes, too many to draw (at most 500); draw a smaller graph, e.g. one neuron or one example", json.Title);
        Assert.DoesNotContain('\n', json.Title!);
        Assert.Empty(json.Annotations);
        Assert.All(json.Traces, t => Assert.Equal(0, t.GetProperty("x").GetArrayLength()));
    }

    [Fact]
    public void Graph_TheOverloadOnATensor_AndACustomTitle_SayItToo()
    {
        var (_, y) = Chain(1_000);
        var json = ChartJson.Of(Charts.ComputationalGraph(y, title: "My loss"));
        Assert.StartsWith("My loss: 6,001 nodes, too many to draw", json.Title);
    }

    [Fact]
    public void Graph_OneNodePastTheLimit_IsNotDrawn()
    {
        // A chain of k links has 6k + 1 nodes; a sum of two chains shares nothing: 6·42 + 1 + 6·41 + 1 + 2 = 502.
        var (_, a) = Chain(42);
        var (_, b) = Chain(41);
        var graph = ComputationalGraph.From(a + b);
        Assert.Equal(Charts.MaxDrawnNodes + 2, graph.Nodes.Count);
        Assert.Contains("502 nodes, too many to draw", ChartJson.Of(Charts.ComputationalGraph(graph)).Title);
    }

    [Fact]
    public void BackwardReplay_OfALargeGraph_SaysSo_InsteadOfDrawingEveryStep()
    {
        var (_, y) = Chain(20);   // 121 nodes: a replay draws the graph once per step
        var trace = Autograd.TraceBackward();
        y.Backward();
        trace.Dispose();
        var json = ChartJson.Of(Charts.BackwardReplay(ComputationalGraph.From(y), trace));
        Assert.StartsWith("Backpropagation, step by step: 121 nodes, too many to draw (at most 100)", json.Title);
    }

    [Fact]
    public void Dag_OfManyNodes_SaysSo()
    {
        var nodes = Enumerable.Range(0, 1_000).Select(i => new DagNode($"n{i}")).ToArray();
        var edges = Enumerable.Range(1, 999).Select(i => (i - 1, i));
        var json = ChartJson.Of(Charts.Dag(nodes, edges, title: "A long list"));
        Assert.StartsWith("A long list: 1,000 nodes, too many to draw (at most 500)", json.Title);
    }
}
