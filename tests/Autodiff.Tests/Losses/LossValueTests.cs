using Autodiff.Losses;

namespace Autodiff.Tests.Losses;

/// <summary>Every loss against values worked out by hand, with each reduction.</summary>
public class LossValueTests
{
    [Fact]
    public void BinaryCrossEntropy_MatchesHandComputedValueAndGradient()
    {
        // ℓ = −ln 0.8 for (p = 0.8, y = 1) and −ln 0.7 for (p = 0.3, y = 0); ∂mean/∂p = (p − y) / (p(1 − p)) / 2.
        var p = new Tensor([0.8, 0.3], requiresGrad: true);
        var loss = new BinaryCrossEntropy().Forward(p, new Tensor([1.0, 0.0]));
        loss.Backward();
        Approx.Equal((0.2231435513142097 + 0.35667494393873245) / 2, loss);
        Approx.Equal([-0.2 / 0.16 / 2, 0.3 / 0.21 / 2], p.Grad);
    }

    [Fact]
    public void BinaryCrossEntropy_OneExample_TakesTheLabelAsANumber()
    {
        // The article's loop: one prediction, one integer label.
        var p = new Tensor(0.8, requiresGrad: true);
        var loss = new BinaryCrossEntropy().Forward(p, 1);
        loss.Backward();
        Approx.Equal(0.2231435513142097, loss);
        Approx.Equal(-1.0 / 0.8, p.Grad);   // ∂(−ln p)/∂p = −1/p
        Assert.Equal("BinaryCrossEntropy", loss.GradFn!.Name);   // one example: no reduction nodes in its picture
    }

    [Fact]
    public void BinaryCrossEntropy_AtZeroAndOne_IsFiniteInValueAndGradient()
    {
        // PyTorch's BCELoss: logs clamped at −100, gradient (p − y) / max(p(1 − p), 1e-12).
        var p = new Tensor([0.0, 1.0, 0.0, 1.0], requiresGrad: true);
        var y = new Tensor([0.0, 1.0, 1.0, 0.0]);
        var loss = new BinaryCrossEntropy(Reduction.None).Forward(p, y);
        loss.Backward(Tensor.Ones(4));
        Approx.Equal([0.0, 0.0, 100.0, 100.0], loss);
        Approx.Equal([0.0, 0.0, -1e12, 1e12], p.Grad);
    }

    [Fact]
    public void BinaryCrossEntropy_ThroughASaturatedSigmoid_IsFiniteButVanishes_WhereWithLogitsIsNot()
    {
        // σ(40) rounds to exactly 1. Composed from Log, the gradient would be NaN; clamped it is finite, but the
        // sigmoid's own derivative p(1 − p) is 0 there, so nothing flows back. From the logit, it is σ(z) − y = 1.
        var z = new Tensor(40.0, requiresGrad: true);
        var loss = new BinaryCrossEntropy().Forward(z.Sigmoid(), 0);
        loss.Backward();
        Approx.Equal(100.0, loss);
        Approx.Equal(0.0, z.Grad);

        var z2 = new Tensor(40.0, requiresGrad: true);
        var stable = new BinaryCrossEntropyWithLogits().Forward(z2, 0);
        stable.Backward();
        Approx.Equal(40.0, stable);
        Approx.Equal(1.0, z2.Grad);
    }

    [Fact]
    public void BinaryCrossEntropy_GradientWithRespectToTheTarget_IsTheLogOdds()
    {
        // ∂ℓ/∂y = ln(1 − p) − ln p.
        var y = new Tensor(0.5, requiresGrad: true);
        new BinaryCrossEntropy().Forward(new Tensor(0.8), y).Backward();
        Approx.Equal(Math.Log(0.2) - Math.Log(0.8), y.Grad);
    }

    [Fact]
    public void BinaryCrossEntropy_SecondDerivative_ComesFromTheRecordedBackward()
    {
        // d²ℓ/dp² = y/p² + (1 − y)/(1 − p)².
        var p = new Tensor(0.3, requiresGrad: true);
        var loss = new BinaryCrossEntropy().Forward(p, 1);
        loss.Backward(createGraph: true);
        Tensor dp = p.Grad!;
        p.ZeroGrad();
        dp.Backward();
        Approx.Equal(1 / (0.3 * 0.3), p.Grad, 1e-9);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_MatchesHandValues_AndIsStableAtExtremes()
    {
        // ℓ(0, 1) = ln 2; ℓ(2, 0) = 2 + ln(1 + e⁻²); ℓ(∓1000, ±) = 1000. ∂ℓ/∂z = σ(z) − y.
        var z = new Tensor([0.0, 2.0, -1000.0, 1000.0], requiresGrad: true);
        var y = new Tensor([1.0, 0.0, 1.0, 0.0]);
        var loss = new BinaryCrossEntropyWithLogits(Reduction.Sum).Forward(z, y);
        loss.Backward();
        Approx.Equal(0.6931471805599453 + 2.1269280110429727 + 1000 + 1000, loss);
        Approx.Equal([-0.5, 0.8807970779778823, -1.0, 1.0], z.Grad);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_EqualsBinaryCrossEntropyOfTheSigmoid()
    {
        var z = Seeded.Normal(21, 6);
        var y = Seeded.Uniform(22, 0, 1, 6);
        var withLogits = new BinaryCrossEntropyWithLogits().Forward(z, y).Item();
        var ofSigmoid = new BinaryCrossEntropy().Forward(z.Sigmoid(), y).Item();
        Approx.Equal(ofSigmoid, withLogits, 1e-12);
    }

    [Fact]
    public void MeanSquaredError_MatchesHandValues()
    {
        // ℓ = [0, 4, 4], mean 8/3; ∂mean/∂p = 2(p − y)/3.
        var p = new Tensor([1.0, 2.0, 3.0], requiresGrad: true);
        var loss = new MeanSquaredError().Forward(p, new Tensor([1.0, 0.0, 5.0]));
        loss.Backward();
        Approx.Equal(8.0 / 3, loss);
        Approx.Equal([0.0, 4.0 / 3, -4.0 / 3], p.Grad);
    }

    [Fact]
    public void Hinge_MatchesMicrogradsMaxMargin()
    {
        // ℓ = max(0, 1 − y·s) = [0, 0.5, 2]; ∂mean/∂s = −y/3 where the margin is violated.
        var s = new Tensor([2.0, 0.5, -1.0], requiresGrad: true);
        var loss = new Hinge().Forward(s, new Tensor([1.0, 1.0, 1.0]));
        loss.Backward();
        Approx.Equal(2.5 / 3, loss);
        Approx.Equal([0.0, -1.0 / 3, -1.0 / 3], s.Grad);
    }

    [Fact]
    public void CrossEntropy_MatchesHandValues()
    {
        // Row 0: ln(e + e² + e³) − 3; row 1: three equal scores, ln 3. ∂ℓ/∂z = (softmax − one-hot)/n.
        var z = new Tensor(new double[,] { { 1, 2, 3 }, { 0, 0, 0 } }, requiresGrad: true);
        var loss = new CrossEntropy().Forward(z, [2, 0]);
        loss.Backward();
        Approx.Equal((0.40760596444438013 + 1.0986122886681098) / 2, loss);
        Approx.Equal(
            [0.09003057317038046 / 2, 0.24472847105479767 / 2, (0.6652409557748219 - 1) / 2, (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6],
            z.Grad);
    }

    [Fact]
    public void CrossEntropy_SingleExample_TakesCScoresAndOneClass()
    {
        var loss = new CrossEntropy().Forward(new Tensor([1.0, 2.0, 3.0]), 2);
        Approx.Equal(0.40760596444438013, loss);
    }

    [Fact]
    public void CrossEntropy_AtExtremeLogits_IsFinite()
    {
        var z = new Tensor(new double[,] { { 1000, -1000 } }, requiresGrad: true);
        var loss = new CrossEntropy().Forward(z, [1]);
        loss.Backward();
        Approx.Equal(2000.0, loss);
        Approx.Equal([1.0, -1.0], z.Grad);
    }

    [Fact]
    public void Reductions_MeanSumNone_CombineTheSameElementLosses()
    {
        var p = new Tensor([1.0, 2.0, 3.0]);
        var y = new Tensor([0.0, 0.0, 0.0]);
        Approx.Equal(14.0 / 3, new MeanSquaredError(Reduction.Mean).Forward(p, y));
        Approx.Equal(14.0, new MeanSquaredError(Reduction.Sum).Forward(p, y));
        Approx.Equal([1.0, 4.0, 9.0], new MeanSquaredError(Reduction.None).Forward(p, y));
        var perExample = new CrossEntropy(Reduction.None).Forward(new Tensor(new double[,] { { 1, 2, 3 }, { 0, 0, 0 } }), [2, 0]);
        Assert.Equal([2], perExample.Shape);
        Approx.Equal([0.40760596444438013, 1.0986122886681098], perExample);
    }

    [Fact]
    public void Loss_Describes_ItsFormulaAndReduction()
    {
        Assert.Equal("Hinge(Sum): ℓ = max(0, 1 − y·s)", new Hinge(Reduction.Sum).ToString());
        Assert.Equal("BinaryCrossEntropy(Mean): ℓ = −[y·ln p + (1 − y)·ln(1 − p)]", new BinaryCrossEntropy().ToString());
    }

    [Fact]
    public void BinaryCrossEntropyTerm_ShowsItsDerivativeInPictures()
    {
        var loss = new BinaryCrossEntropy(Reduction.None).Forward(new Tensor(0.5, requiresGrad: true), 1);
        Assert.Equal("BinaryCrossEntropy", loss.GradFn!.Name);
        Assert.Equal("∂ℓ/∂p = (p − y) / (p·(1 − p)),  ∂ℓ/∂y = ln(1 − p) − ln p", loss.GradFn.Derivative);
        var withLogits = new BinaryCrossEntropyWithLogits(Reduction.None).Forward(new Tensor(0.5, requiresGrad: true), 1);
        Assert.Equal("∂ℓ/∂z = σ(z) − y,  ∂ℓ/∂y = −z", withLogits.GradFn!.Derivative);
    }
}
