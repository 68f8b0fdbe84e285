using Autodiff;

namespace Autodiff.Tests;

public class BackwardTraceTests
{
    [Fact]
    public void Trace_NodeUsedTwice_ShowsBothContributions()
    {
        var a = new Tensor(1.5, requiresGrad: true) { Name = "a" };
        var b = a * 2.0;
        b.Name = "b";
        var c = a * 3.0;
        c.Name = "c";
        var d = b + c;
        d.Name = "d";
        using (var trace = Autograd.TraceBackward())
        {
            d.Backward();
            Assert.Equal("a.grad = 2 via b + 3 via c = 5", trace.Explain(a));
            var toA = trace.ContributionsTo(a);
            Assert.Equal([c, b], toA.Select(x => x.From));   // in the order they arrived: c was processed first
            Assert.Equal([3.0, 2.0], toA.Select(x => x.Amount[0]));
            Assert.Equal([3.0, 2.0], toA.Select(x => x.LocalDerivative!.Value));
            Assert.Equal("d.grad = 1 (the seed of the backward pass)", trace.Explain(d));
        }
        Assert.Equal(5.0, a.Grad!.Item());        // tracing changes nothing in the result
    }

    [Fact]
    public void Trace_StepsGoFromTheOutputToTheLeaves()
    {
        var w = new Tensor(3.0, requiresGrad: true) { Name = "w" };
        var x = new Tensor(-2.0, requiresGrad: true) { Name = "x" };
        var bias = new Tensor(1.0, requiresGrad: true) { Name = "b" };
        var z = w * x;
        z.Name = "z";
        var y = z + bias;
        y.Name = "y";
        using var trace = Autograd.TraceBackward();
        y.Backward();

        Assert.Equal(["y", "b", "z", "x", "w"], trace.Steps.Select(s => s.Node.Name));
        var atZ = trace.Steps[2];
        Assert.Equal("Mul", atZ.Operation!.Name);
        Assert.Equal([1.0], atZ.Gradient);
        var toW = atZ.Contributions.Single(c => c.To == w);
        Assert.Equal(-2.0, toW.LocalDerivative);   // ∂z/∂w = x
        Assert.Null(trace.Steps[^1].Operation);    // a leaf passes nothing on
        Assert.Contains("→ Mul: w += -2, x += 3", trace.ToString());
    }

    [Fact]
    public void Trace_RecordsTheRecordedPassToo()
    {
        var x = new Tensor(2.0, requiresGrad: true) { Name = "x" };
        var y = x * x;
        y.Name = "y";
        using var trace = Autograd.TraceBackward();
        y.Backward(createGraph: true);
        // The recorded pass keeps the two uses of x apart; the plain pass adds them within one step.
        Assert.Equal("x.grad = 2 via y + 2 via y = 4", trace.Explain(x));
        y.Backward();
        Assert.Equal(4.0, trace.ContributionsTo(x)[^1].Amount[0]);
    }

    [Fact]
    public void WithoutTrace_NothingIsRecorded()
    {
        var x = new Tensor(2.0, requiresGrad: true);
        BackwardTrace trace;
        using (trace = Autograd.TraceBackward()) { }
        (x * x).Backward();
        Assert.Empty(trace.Steps);
        Assert.Null(Autograd.ActiveTrace);
    }

    [Fact]
    public void Trace_BroadcastContribution_IsSummedToTheParentShape()
    {
        var bias = new Tensor([1.0, 2], requiresGrad: true) { Name = "bias" };
        var m = new Tensor(new double[,] { { 1, 2 }, { 3, 4 } });
        var y = (m + bias).Sum();
        using var trace = Autograd.TraceBackward();
        y.Backward();
        var toBias = trace.ContributionsTo(bias).Single();
        Assert.Equal([2.0, 2.0], toBias.Amount);
        Assert.Null(toBias.LocalDerivative);
    }
}
