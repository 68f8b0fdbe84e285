using Autodiff;

namespace Autodiff.Tests;

/// <summary>
/// Powers at base 0 follow PyTorch's conventions instead of producing 0·∞ = NaN: d/dx x⁰ = 0 everywhere, and
/// ∂(aᵇ)/∂b = aᵇ·ln a is 0 where a = 0 and b ≥ 0. Checked on both backward paths (the raw one, and the tensor one
/// that Backward(createGraph: true) records), and for second derivatives.
/// </summary>
public class PowAtZeroTests
{
    private static double FirstDerivative(Tensor x, Func<Tensor, Tensor> f, bool createGraph)
    {
        x.ZeroGrad();
        f(x).Sum().Backward(createGraph: createGraph);
        return x.Grad!.Item();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowZero_AtZero_HasDerivativeZero(bool createGraph)
    {
        var x = new Tensor(0.0, requiresGrad: true);
        Assert.Equal(1.0, x.Pow(0.0).Item());
        Assert.Equal(0.0, FirstDerivative(x, t => t.Pow(0.0), createGraph));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowZero_OnAVectorWithAZero_HasDerivativeZeroEverywhere(bool createGraph)
    {
        var x = new Tensor([0.0, -2.0, 3.0], requiresGrad: true);
        x.Pow(0.0).Sum().Backward(createGraph: createGraph);
        Assert.Equal([0.0, 0.0, 0.0], x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(0.0, 0.0)]   // d²/dx² x⁰ = 0
    [InlineData(1.0, 0.0)]   // d²/dx² x¹ = 0 (its first derivative is x⁰)
    [InlineData(2.0, 2.0)]
    [InlineData(3.0, 0.0)]
    public void PowConstant_SecondDerivativeAtZero(double p, double expected)
    {
        var x = new Tensor(0.0, requiresGrad: true);
        x.Pow(p).Backward(createGraph: true);
        var dydx = x.Grad!;
        x.ZeroGrad();
        if (!dydx.RequiresGrad) { Assert.Equal(0.0, expected); return; }
        dydx.Backward();
        Assert.Equal(expected, x.Grad?.Item() ?? 0.0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowTensor_ZeroBase_ExponentGradientIsZero(bool createGraph)
    {
        var a = new Tensor(0.0, requiresGrad: true);
        var b = new Tensor(2.0, requiresGrad: true);
        a.Pow(b).Backward(createGraph: createGraph);
        Assert.Equal(0.0, b.Grad!.Item());   // aᵇ·ln a, taken as 0 at a = 0 (PyTorch)
        Assert.Equal(0.0, a.Grad!.Item());   // b·aᵇ⁻¹ = 2·0
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowTensor_ZeroBaseZeroExponent_BothGradientsAreZero(bool createGraph)
    {
        var a = new Tensor(0.0, requiresGrad: true);
        var b = new Tensor(0.0, requiresGrad: true);
        var z = a.Pow(b);
        Assert.Equal(1.0, z.Item());
        z.Backward(createGraph: createGraph);
        Assert.Equal(0.0, a.Grad!.Item());   // b·aᵇ⁻¹ with b = 0: 0 everywhere, as d/dx x⁰
        Assert.Equal(0.0, b.Grad!.Item());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PowTensor_Broadcast_MasksOnlyTheZeroBases(bool createGraph)
    {
        var a = new Tensor([0.0, 2.0, 0.0], requiresGrad: true);
        var b = new Tensor(new double[,] { { 2.0 }, { 0.0 } }, requiresGrad: true);
        a.Pow(b).Sum().Backward(createGraph: createGraph);
        // ∂/∂a: b·aᵇ⁻¹ summed over the two rows: row b = 2 gives 2a, row b = 0 gives 0.
        Approx.Equal([0.0, 4.0, 0.0], a.Grad!.ToArray());
        // ∂/∂b: Σ aᵇ·ln a over the row; only a = 2 contributes: 4·ln 2 and 1·ln 2.
        Approx.Equal([4 * Math.Log(2), Math.Log(2)], b.Grad!.ToArray());
    }

    [Fact]
    public void PowTensor_ZeroBase_NegativeExponentKeepsPyTorchsInfinities()
    {
        // Masked only where b ≥ 0: 0^(-1) = ∞, and its derivatives are infinite or NaN, as in PyTorch.
        var a = new Tensor(0.0, requiresGrad: true);
        var b = new Tensor(-1.0, requiresGrad: true);
        a.Pow(b).Backward();
        Assert.False(double.IsFinite(b.Grad!.Item()));
    }

    [Fact]
    public void PowTensor_SecondDerivativeInExponent_AtZeroBase_IsZero()
    {
        var a = new Tensor(0.0, requiresGrad: true);
        var b = new Tensor(2.0, requiresGrad: true);
        a.Pow(b).Backward(createGraph: true);
        var dzdb = b.Grad!;
        a.ZeroGrad();
        b.ZeroGrad();
        dzdb.Backward();
        Assert.Equal(0.0, b.Grad?.Item() ?? 0.0);   // aᵇ·(ln a)², 0 at a = 0
        Assert.Equal(0.0, a.Grad?.Item() ?? 0.0);   // ∂²z/∂a∂b = aᵇ⁻¹·(b·ln a + 1) → 0 at a = 0 for b = 2
    }

    [Fact]
    public void PowTensor_AwayFromZero_SecondDerivativesMatchFiniteDifferences()
    {
        // The masks must not change the derivatives anywhere else, including b = 0 with a ≠ 0.
        var inputs = new[] { new Tensor([0.7, 1.6], requiresGrad: true), new Tensor([0.0, 1.3], requiresGrad: true) };
        var report = GradCheck.Run(x =>
        {
            x[0].ZeroGrad();
            x[1].ZeroGrad();
            x[0].Pow(x[1]).Sum().Backward(createGraph: true);
            return x[0].Grad! * 1.3 + x[1].Grad! * 0.7;
        }, inputs);
        Assert.True(report.Passed, report.ToString());
    }
}
