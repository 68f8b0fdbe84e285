using Autodiff.Graphs;
using Autodiff.Losses;
using Autodiff.Nn;
using Plotly.NET;

namespace Autodiff.Plotting.Tests;

/// <summary>The graphs of notebooks 04 and 06, after a traced backward pass, for the graph charts' tests and the gallery.</summary>
public static class GraphGallery
{
    /// <summary>The article's Figure 1: y = w·x + b with w = 3, x = −2 (an input, no gradient), b = 1.</summary>
    public static (ComputationalGraph Graph, BackwardTrace Trace) Linear()
    {
        var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
        var x = new Tensor(-2.0) { Name = "x" };
        var b = new Tensor(1.0, requiresGrad: true) { Name = "b" };
        var z = w * x;
        z.Name = "z";
        var y = z + b;
        y.Name = "y";
        return Traced(y, [w, b]);
    }

    /// <summary>L = a·2 + a·3 with a = 1: a is used twice, so a.grad = 2 via b + 3 via c.</summary>
    public static (ComputationalGraph Graph, BackwardTrace Trace) UsedTwice()
    {
        var a = new Tensor(1.0, requiresGrad: true) { Name = "a" };
        var b = a * 2;
        b.Name = "b";
        var c = a * 3;
        c.Name = "c";
        var loss = b + c;
        loss.Name = "L";
        return Traced(loss, [a]);
    }

    /// <summary>The article's last figure: σ(w1·x1 + w2·x2 + b) and its BCE loss at one example, w1 = −1, w2 = 1, b = 2.</summary>
    public static (ComputationalGraph Graph, BackwardTrace Trace) LogisticRegression()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var prediction = model.Forward(new Tensor(1.5) { Name = "x1" }, new Tensor(0.5) { Name = "x2" });
        prediction.Name = "ŷ";
        var loss = new BinaryCrossEntropy().Forward(prediction, new Tensor(1.0) { Name = "y" });
        loss.Name = "loss";
        return Traced(loss, model.Parameters());
    }

    private static (ComputationalGraph, BackwardTrace) Traced(Tensor output, IEnumerable<Tensor> parameters)
    {
        var trace = Autograd.TraceBackward();
        try { output.Backward(); }
        finally { trace.Dispose(); }
        return (ComputationalGraph.From(output, parameters), trace);
    }

    public static IEnumerable<(string Name, GenericChart Chart)> All()
    {
        var linear = Linear();
        var twice = UsedTwice();
        var logistic = LogisticRegression();
        yield return ("09-graph-linear", Charts.ComputationalGraph(linear.Graph, title: "y = w·x + b"));
        yield return ("09b-graph-used-twice", Charts.ComputationalGraph(twice.Graph, title: "L = a·2 + a·3"));
        yield return ("09c-graph-logistic-regression", Charts.ComputationalGraph(logistic.Graph,
            title: "Logistic regression and its BCE loss at one example"));
        yield return ("10-replay-used-twice", Charts.BackwardReplay(twice.Graph, twice.Trace, title: "Backward pass of L = a·2 + a·3"));
        yield return ("10b-replay-linear", Charts.BackwardReplay(linear.Graph, linear.Trace, title: "Backward pass of y = w·x + b"));
        yield return ("10c-replay-logistic-regression", Charts.BackwardReplay(logistic.Graph, logistic.Trace,
            title: "Backward pass of logistic regression and BCE"));
    }
}
