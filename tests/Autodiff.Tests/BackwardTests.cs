using Autodiff;

namespace Autodiff.Tests;

public class BackwardTests
{
    [Fact]
    public void Backward_LinearFunction_GivesHandDerivedGradients()
    {
        // y = w·x + b at w = 3, x = -2, b = 1: ∂y/∂w = x = -2, ∂y/∂x = w = 3, ∂y/∂b = 1.
        var w = new Tensor(3.0, requiresGrad: true);
        var x = new Tensor(-2.0, requiresGrad: true);
        var b = new Tensor(1.0, requiresGrad: true);
        var z = w * x;
        var y = z + b;
        y.Backward();
        Assert.Equal(-5.0, y.Item());
        Assert.Equal(-2.0, w.Grad!.Item());
        Assert.Equal(3.0, x.Grad!.Item());
        Assert.Equal(1.0, b.Grad!.Item());
        Assert.Equal(1.0, z.Grad!.Item());   // as in the article, intermediate nodes keep their gradient too
        Assert.Equal(1.0, y.Grad!.Item());
    }

    [Fact]
    public void Backward_SmallExpression_MatchesHandDerivation()
    {
        // f = ln(a·b) + σ(a) at a = 2, b = 3: ∂f/∂a = 1/a + σ(a)(1 − σ(a)), ∂f/∂b = 1/b.
        var a = new Tensor(2.0, requiresGrad: true);
        var b = new Tensor(3.0, requiresGrad: true);
        var f = (a * b).Log() + a.Sigmoid();
        f.Backward();
        double s = 1 / (1 + Math.Exp(-2.0));
        Approx.Equal(Math.Log(6) + s, f.Item());
        Approx.Equal(0.5 + s * (1 - s), a.Grad!.Item());
        Approx.Equal(1.0 / 3, b.Grad!.Item());
    }

    [Fact]
    public void Backward_NodeUsedTwice_AccumulatesBothPaths()
    {
        // b = 2a and c = 3a both use a; d = b + c, so ∂d/∂a = 2 via b + 3 via c = 5.
        var a = new Tensor(1.5, requiresGrad: true);
        var d = a * 2.0 + a * 3.0;
        d.Backward();
        Assert.Equal(5.0, a.Grad!.Item());
    }

    [Fact]
    public void Backward_SameTensorAsBothOperands_CountsBoth()
    {
        var x = new Tensor(4.0, requiresGrad: true);
        (x * x).Backward();                       // d(x²)/dx = 2x
        Assert.Equal(8.0, x.Grad!.Item());
        var v = new Tensor([1.0, -2, 3], requiresGrad: true);
        (v * v).Sum().Backward();
        Assert.Equal([2.0, -4, 6], v.Grad!.ToArray());
    }

    [Fact]
    public void Backward_CalledTwice_AddsTheGradientAgain()
    {
        var x = new Tensor(3.0, requiresGrad: true);
        var y = (x * x) * 2.0;                    // dy/dx = 4x = 12
        y.Backward();
        y.Backward();
        Assert.Equal(24.0, x.Grad!.Item());       // 12 + 12, not 12 + 24: each pass pushes only its own gradient
        x.ZeroGrad();
        Assert.Null(x.Grad);
        y.Backward();
        Assert.Equal(12.0, x.Grad!.Item());
    }

    [Fact]
    public void Backward_TensorWithOwnedGradient_AccumulatesAcrossPassesAndZeroes()
    {
        var w = new Tensor([1.0, 2], requiresGrad: true);
        var loss = (w * w).Sum();
        loss.Backward();
        var first = w.Grad!;
        loss.Backward();
        Assert.Equal([2.0, 4], first.ToArray());  // a snapshot: later passes do not change it
        Assert.Equal([4.0, 8], w.Grad!.ToArray());
        w.ZeroGrad();
        loss.Backward();
        Assert.Equal([2.0, 4], w.Grad!.ToArray());
    }

    [Fact]
    public void Backward_ExplicitGradient_WeightsTheOutputs()
    {
        var x = new Tensor([1.0, 2, 3], requiresGrad: true);
        var y = x * x;
        y.Backward(new Tensor([1.0, 0.5, -1]));
        Assert.Equal([2.0, 2, -6], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_OnlyReachesTensorsThatRequireGrad()
    {
        var w = new Tensor(2.0, requiresGrad: true);
        var x = new Tensor(5.0);
        var y = w * x;
        y.Backward();
        Assert.Equal(5.0, w.Grad!.Item());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_BranchThatDoesNotReachTheOutput_GetsNoGradient()
    {
        var x = new Tensor(2.0, requiresGrad: true);
        var unused = x * 10.0;
        var y = x * 3.0;
        y.Backward();
        Assert.Equal(3.0, x.Grad!.Item());
        Assert.Null(unused.Grad);
    }

    [Fact]
    public void Backward_BroadcastInput_ReceivesTheSumOfItsGradients()
    {
        var bias = new Tensor([1.0, 2, 3], requiresGrad: true);
        var batch = new Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, requiresGrad: true);
        var y = (batch + bias) * new Tensor(new double[,] { { 1, 1, 1 }, { 2, 2, 2 } });
        y.Sum().Backward();
        Assert.Equal([3.0, 3, 3], bias.Grad!.ToArray());
        Assert.Equal([1.0, 1, 1, 2, 2, 2], batch.Grad!.ToArray());
    }

    [Fact]
    public void Backward_MillionNodeChain_DoesNotOverflowTheStack()
    {
        var x = new Tensor(1.0, requiresGrad: true);
        var y = x;
        const int links = 1_000_000;
        for (int i = 0; i < links; i++) y = y * 1.0000001 + 0.0;
        y.Backward();
        // y = x · 1.0000001^n, so dy/dx = 1.0000001^n.
        Approx.Equal(Math.Pow(1.0000001, links), x.Grad!.Item(), 1e-9);
    }

    [Fact]
    public void Backward_WithoutGradientOnManyElements_AsksForOne()
    {
        var x = new Tensor([1.0, 2], requiresGrad: true);
        var y = x * 2.0;
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("one-element", error.Message);
        Assert.Contains("(2,)", error.Message);
    }

    [Fact]
    public void Backward_OnTensorThatDoesNotRequireGrad_Explains()
    {
        var y = new Tensor(2.0) * 3.0;
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("does not require grad", error.Message);
    }

    [Fact]
    public void Backward_GradientOfWrongShape_NamesBothShapes()
    {
        var x = new Tensor([1.0, 2, 3], requiresGrad: true);
        var y = x * 2.0;
        var error = Assert.Throws<ArgumentException>(() => y.Backward(new Tensor([1.0, 1])));
        Assert.Equal("gradient", error.ParamName);
        Assert.Contains("(2,)", error.Message);
        Assert.Contains("(3,)", error.Message);
    }

    [Fact]
    public void Backward_AfterAnError_TheGraphStillWorks()
    {
        var x = new Tensor([1.0, 2], requiresGrad: true);
        var y = (x * 3.0).Sum();
        Assert.Throws<InvalidOperationException>(() => new Tensor(1.0).Backward());
        y.Backward();
        y.Backward();
        Assert.Equal([6.0, 6], x.Grad!.ToArray());
    }
}
