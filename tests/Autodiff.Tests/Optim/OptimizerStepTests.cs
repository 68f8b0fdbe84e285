using Autodiff.Optim;

namespace Autodiff.Tests.Optim;

/// <summary>Each optimizer takes exactly the steps its formulas give, worked out by hand.</summary>
public class OptimizerStepTests
{
    /// <summary>Runs <paramref name="steps"/> steps minimising f(p) = p², whose gradient is 2p; returns p after each.</summary>
    private static double[] Minimise(Func<Tensor[], Optimizer> create, double start, int steps)
    {
        var p = new Tensor(start, requiresGrad: true) { Name = "p" };
        var optimizer = create([p]);
        var trajectory = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            optimizer.ZeroGrad();
            (p * p).Backward();
            optimizer.Step();
            trajectory[k] = p.Item();
        }
        return trajectory;
    }

    [Fact]
    public void GradientDescent_ReproducesTheArticlesTable()
    {
        // The article's high-school problem: f(x) = 2x² + 3x + 5 from x₀ = 0 with η = 0.4 reaches x₅ = −0.80832.
        var x = new Tensor(0.0, requiresGrad: true);
        var optimizer = new GradientDescent([x], learningRate: 0.4);
        var iterates = new List<double>();
        for (int k = 0; k < 5; k++)
        {
            optimizer.ZeroGrad();
            (2 * x * x + 3 * x + 5).Backward();
            optimizer.Step();
            iterates.Add(x.Item());
        }
        Approx.Equal([-1.2, -0.48, -0.912, -0.6528, -0.80832], iterates.ToArray());
    }

    [Fact]
    public void Sgd_WithMomentum_TakesPyTorchsSteps()
    {
        // buf₁ = g₁ = 2, p₁ = 1 − 0.1·2 = 0.8; g₂ = 1.6, buf₂ = 0.9·2 + 1.6 = 3.4, p₂ = 0.8 − 0.34 = 0.46;
        // g₃ = 0.92, buf₃ = 0.9·3.4 + 0.92 = 3.98, p₃ = 0.46 − 0.398 = 0.062.
        Approx.Equal([0.8, 0.46, 0.062], Minimise(ps => new Sgd(ps, learningRate: 0.1, momentum: 0.9), 1.0, 3));
    }

    [Fact]
    public void Sgd_WithNesterovMomentum_LooksAhead()
    {
        // buf₁ = 2, step g + μ·buf = 2 + 1.8 = 3.8, p₁ = 1 − 0.38 = 0.62;
        // g₂ = 1.24, buf₂ = 1.8 + 1.24 = 3.04, step 1.24 + 2.736 = 3.976, p₂ = 0.62 − 0.3976 = 0.2224.
        Approx.Equal([0.62, 0.2224], Minimise(ps => new Sgd(ps, learningRate: 0.1, momentum: 0.9, nesterov: true), 1.0, 2));
    }

    [Fact]
    public void Sgd_WithoutMomentum_IsGradientDescent() =>
        Approx.Equal(Minimise(ps => new GradientDescent(ps, 0.1), 1.0, 4), Minimise(ps => new Sgd(ps, 0.1), 1.0, 4));

    [Fact]
    public void Adam_TakesPyTorchsFirstSteps()
    {
        // Step 1: g = 2, m = 0.2, v = 0.004; bias-corrected m̂ = 0.2/0.1 = 2, v̂ = 0.004/0.001 = 4,
        //   p₁ = 1 − 0.1·2/(√4 + 1e-8) = 0.9000000005.
        // Step 2: g = 1.800000001, m = 0.3600000001, v = 0.0072360000036; m̂ = m/0.19, v̂ = v/0.001999,
        //   p₂ = p₁ − 0.1·m̂/(√v̂ + 1e-8) = 0.8004122286917927.
        Approx.Equal([0.9000000005, 0.8004122286917927],
            Minimise(ps => new Adam(ps, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), 1.0, 2));
    }

    [Fact]
    public void Adam_FirstStep_MovesEveryElementByAboutTheLearningRate_WhateverTheGradientsScale()
    {
        // m̂ = g and v̂ = g² after one step, so the step is η·g/(|g| + ε) ≈ η·sign(g).
        var p = new Tensor([1.0, 1.0, 1.0], requiresGrad: true);
        var optimizer = new Adam([p], learningRate: 0.01, epsilon: 0);
        (p * new Tensor([1000.0, 1.0, -0.001])).Sum().Backward();
        optimizer.Step();
        Approx.Equal([0.99, 0.99, 1.01], p);
    }

    [Fact]
    public void Step_UpdatesMatricesElementWise_InPlace()
    {
        var w = new Tensor(new double[,] { { 1, 2 }, { 3, 4 } }, requiresGrad: true);
        var optimizer = new GradientDescent([w], learningRate: 0.5);
        (w * w).Sum().Backward();   // ∂/∂w = 2w
        optimizer.Step();
        Approx.Equal([0.0, 0.0, 0.0, 0.0], w);
        Assert.Equal([2, 2], w.Shape);
    }

    [Fact]
    public void Step_RecordsNoGraph_AndKeepsTheParameterALeaf()
    {
        var p = new Tensor(2.0, requiresGrad: true);
        var optimizer = new Sgd([p], learningRate: 0.1, momentum: 0.5);
        (p * p).Backward();
        optimizer.Step();
        Assert.True(p.IsLeaf);
        Assert.Null(p.GradFn);
        Assert.True(p.RequiresGrad);
        Approx.Equal(1.6, p);
        Approx.Equal(4.0, p.Grad);   // Step does not clear gradients: ZeroGrad does
        optimizer.ZeroGrad();
        Assert.Null(p.Grad);
    }

    [Fact]
    public void Step_SkipsParametersWithoutGradient_AsPyTorchDoes()
    {
        var used = new Tensor(1.0, requiresGrad: true);
        var unused = new Tensor(5.0, requiresGrad: true);
        var optimizer = new Adam([used, unused], learningRate: 0.1);
        (used * 3.0).Backward();
        optimizer.Step();
        Approx.Equal(0.9, used, 1e-8);
        Approx.Equal(5.0, unused);
        Assert.Null(unused.Grad);
    }

    [Fact]
    public void LearningRate_CanFollowASchedule()
    {
        var p = new Tensor(1.0, requiresGrad: true);
        var optimizer = new GradientDescent([p], learningRate: 1.0);
        p.Backward();   // ∂p/∂p = 1
        optimizer.LearningRate = 0.25;
        optimizer.Step();
        Approx.Equal(0.75, p);
    }
}
