using Autodiff.Graphs;

namespace Autodiff.Tests.Graphs;

/// <summary>A traced backward pass placed on the graph, one frame per step, as a notebook replays it.</summary>
public class BackwardReplayTests
{
    [Fact]
    public void Replay_NodeUsedTwice_ShowsBothContributionsAlongTheirEdges()
    {
        // b = 2a and c = 3a both use a; d = b + c, so a.grad = 2 via b + 3 via c = 5.
        var a = new Tensor(1.5, requiresGrad: true) { Name = "a" };
        var b = a * 2.0;
        b.Name = "b";
        var c = a * 3.0;
        c.Name = "c";
        var d = b + c;
        d.Name = "d";
        using var trace = Autograd.TraceBackward();
        d.Backward();
        var graph = ComputationalGraph.From(d);
        var frames = graph.Replay(trace);

        var node = graph.Find(a)!;
        var intoA = frames.SelectMany(f => f.Flows).Where(f => f.Edge.From == node).ToList();
        Assert.Equal(2, intoA.Count);
        Assert.Equal([3.0, 2.0], intoA.Select(f => f.Contribution.Amount[0]));   // c is processed before b
        Assert.Equal([graph.Find(c)!.Producer, graph.Find(b)!.Producer], intoA.Select(f => f.Edge.To));

        var atC = frames.Single(f => f.Node == graph.Find(c));
        var atB = frames.Single(f => f.Node == graph.Find(b));
        Assert.Equal([3.0], atC.GradientSoFar(node)!);
        Assert.Equal([5.0], atB.GradientSoFar(node)!);
        Assert.Null(frames[0].GradientSoFar(node));
        Assert.Equal([1.0], frames[0].GradientSoFar(graph.Output)!);   // the seed
        Assert.Equal("a.grad = 2 via b + 3 via c = 5", trace.Explain(a));
    }

    [Fact]
    public void Frame_Export_OutlinesTheActiveNodeAndLabelsTheGradientItSends()
    {
        var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
        var x = new Tensor(-2.0) { Name = "x" };
        var bias = new Tensor(1.0, requiresGrad: true) { Name = "b" };
        var z = w * x;
        z.Name = "z";
        var y = z + bias;
        y.Name = "y";
        using var trace = Autograd.TraceBackward();
        y.Backward();
        var graph = ComputationalGraph.From(y);
        var frames = graph.Replay(trace);

        Assert.Equal(["y", "b", "z", "w"], frames.Select(f => f.Node.Name));   // x needs no gradient: no step
        var atZ = frames[2];
        Assert.Equal("Mul", atZ.Operation!.Name);
        Assert.Equal("step 2 at t2 (Mul): w += -2", atZ.ToString());

        string dot = graph.ToDot(atZ);
        Assert.Contains("t2 [label=\"z\\nvalue -6\\ngrad 1\", shape=box, style=rounded, class=\"intermediate\", penwidth=3];", dot);
        Assert.Contains("t0 -> op0 [label=\"+= -2\", penwidth=2, dir=back];", dot);
        Assert.Contains("  t1 -> op0;\n", dot);

        // Before the pass reaches w, the picture shows no gradient for it.
        Assert.Contains("t0 [label=\"w\\nvalue 3\", shape=box", graph.ToDot(frames[0]));

        string mermaid = graph.ToMermaid(atZ);
        Assert.Contains("  t0 -->|\"+= -2\"| op0\n", mermaid);
        Assert.Contains("  style t2 stroke-width:3px\n", mermaid);
        Assert.Contains("  style op0 stroke-width:3px\n", mermaid);

        // With a palette, the active step is drawn in its colour.
        var palette = new GraphPalette("#00000P", "#00000I", "#00000M", "#00000O", "#00000X", Active: "#00000A", "#00000L", "#00000T");
        Assert.Contains("fillcolor=\"#00000M\", class=\"intermediate\", color=\"#00000A\", penwidth=3];", graph.ToDot(atZ, palette));
        Assert.Contains("t0 -> op0 [label=\"+= -2\", color=\"#00000A\", fontcolor=\"#00000A\", dir=back];", graph.ToDot(atZ, palette));
        Assert.Contains("  style op0 stroke:#00000A,stroke-width:3px\n", graph.ToMermaid(atZ, palette));
    }

    [Fact]
    public void Replay_IgnoresStepsOfOtherGraphs()
    {
        var a = new Tensor(2.0, requiresGrad: true);
        var other = new Tensor(5.0, requiresGrad: true);
        var y = a * a;
        using var trace = Autograd.TraceBackward();
        (other * 2.0).Backward();
        y.Backward();
        var frames = ComputationalGraph.From(y).Replay(trace);
        Assert.Equal(2, frames.Count);
        Assert.Equal([4.0], frames[^1].GradientSoFar(frames[^1].Node)!);
    }
}
