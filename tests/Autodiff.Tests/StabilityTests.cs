using Autodiff;

namespace Autodiff.Tests;

/// <summary>Ops that are easy to get wrong at large inputs stay finite, with the right gradients.</summary>
public class StabilityTests
{
    [Theory]
    [InlineData(1000.0, 1.0)]
    [InlineData(-1000.0, 0.0)]
    [InlineData(40.0, 1.0)]
    public void Sigmoid_AtExtremes_IsFiniteWithZeroGradient(double x, double expected)
    {
        var t = new Tensor(x, requiresGrad: true);
        var y = t.Sigmoid();
        y.Backward();
        Approx.Equal(expected, y.Item());
        Assert.True(double.IsFinite(t.Grad!.Item()));
        Assert.InRange(t.Grad!.Item(), 0.0, 1e-17);
    }

    [Fact]
    public void Sigmoid_BatchAtExtremes_IsFinite()
    {
        var t = new Tensor([-1000.0, -30, 0, 30, 1000], requiresGrad: true);
        t.Sigmoid().Sum().Backward();
        Assert.All(t.Grad!.ToArray(), g => Assert.True(double.IsFinite(g)));
        Approx.Equal(0.25, t.Grad![2]);
    }

    [Fact]
    public void Tanh_AtExtremes_IsFiniteWithZeroGradient()
    {
        var t = new Tensor([-1000.0, 1000], requiresGrad: true);
        var y = t.Tanh();
        y.Sum().Backward();
        Assert.Equal([-1.0, 1.0], y.ToArray());
        Assert.Equal([0.0, 0.0], t.Grad!.ToArray());
    }

    [Fact]
    public void SoftmaxFamily_AtPlusMinus1000_IsFiniteAndExact()
    {
        var x = new Tensor([1000.0, -1000, 999], requiresGrad: true);
        var softmax = x.Softmax(0);
        var logSoftmax = x.LogSoftmax(0);
        var lse = x.LogSumExp(0);
        double expectedLse = 1000 + Math.Log(1 + Math.Exp(-1));
        Approx.Equal(expectedLse, lse.Item());
        Approx.Equal([1000 - expectedLse, -1000 - expectedLse, 999 - expectedLse], logSoftmax.ToArray());
        Approx.Equal([1 / (1 + Math.Exp(-1)), 0.0, Math.Exp(-1) / (1 + Math.Exp(-1))], softmax.ToArray());

        (softmax.Sum() + logSoftmax.Sum() + lse).Backward();
        Assert.All(x.Grad!.ToArray(), g => Assert.True(double.IsFinite(g)));
        // ∂/∂xₖ Σ softmax = 0, ∂/∂xₖ Σᵢ log softmaxᵢ = 1 − n·pₖ and ∂/∂xₖ lse = pₖ, even where pₖ is exactly 0.
        var p = softmax.ToArray();
        Approx.Equal([1 - 3 * p[0] + p[0], 1 - 3 * p[1] + p[1], 1 - 3 * p[2] + p[2]], x.Grad!.ToArray(), 1e-9);
    }

    [Fact]
    public void LogSumExp_AllMinusInfinity_IsMinusInfinityNotNaN()
    {
        var x = new Tensor([double.NegativeInfinity, double.NegativeInfinity]);
        Assert.Equal(double.NegativeInfinity, x.LogSumExp(0).Item());
    }

    [Fact]
    public void Max_PropagatesNaN()
    {
        Assert.True(double.IsNaN(new Tensor([1.0, double.NaN, 3]).Max(0).Item()));
    }

    [Fact]
    public void Relu_PropagatesNaN()
    {
        Assert.True(double.IsNaN(new Tensor(double.NaN).Relu().Item()));
    }
}
