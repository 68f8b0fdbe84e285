using Autodiff.Losses;

namespace Autodiff.Tests.Losses;

/// <summary>Every loss's backward pass agrees with central differences, for every reduction, at seeded points.</summary>
public class LossGradientTests
{
    public static TheoryData<Reduction> Reductions => [Reduction.Mean, Reduction.Sum, Reduction.None];

    private static void AssertGradientsMatch(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var report = GradCheck.Run(f, inputs);
        Assert.True(report.Passed, report.ToString());
        Assert.NotEmpty(report.Entries);
    }

    [Theory, MemberData(nameof(Reductions))]
    public void BinaryCrossEntropy(Reduction reduction) =>
        AssertGradientsMatch(x => new BinaryCrossEntropy(reduction).Forward(x[0], x[1]),
            Seeded.Uniform(31, 0.05, 0.95, 2, 3), Seeded.Uniform(32, 0.0, 1.0, 2, 3));

    [Theory, MemberData(nameof(Reductions))]
    public void BinaryCrossEntropyWithLogits(Reduction reduction) =>
        AssertGradientsMatch(x => new BinaryCrossEntropyWithLogits(reduction).Forward(x[0], x[1]),
            Seeded.Normal(33, 2, 3), Seeded.Uniform(34, 0.0, 1.0, 2, 3));

    [Theory, MemberData(nameof(Reductions))]
    public void MeanSquaredError(Reduction reduction) =>
        AssertGradientsMatch(x => new MeanSquaredError(reduction).Forward(x[0], x[1]), Seeded.Normal(35, 4), Seeded.Normal(36, 4));

    [Theory, MemberData(nameof(Reductions))]
    public void Hinge(Reduction reduction)
    {
        // Scores away from the kink at y·s = 1, where central differences would average two slopes.
        var s = new Tensor([2.0, 0.5, -1.5, -0.2, 1.7], requiresGrad: true);
        var y = new Tensor([1.0, 1.0, -1.0, 1.0, -1.0]);
        AssertGradientsMatch(x => new Hinge(reduction).Forward(x[0], x[1]), s, y);
    }

    [Theory, MemberData(nameof(Reductions))]
    public void CrossEntropy(Reduction reduction) =>
        AssertGradientsMatch(x => new CrossEntropy(reduction).Forward(x[0], [2, 0, 1, 2]), Seeded.Normal(37, 4, 3));

    [Fact]
    public void BinaryCrossEntropy_SecondOrder_PassesGradCheckOfItsGradient()
    {
        // The tensor form of the backward rule (used by createGraph) is checked against central differences of the first.
        AssertGradientsMatch(x =>
        {
            var p = x[0];
            p.ZeroGrad();   // GradCheck's own backward passes leave a gradient behind
            var loss = new BinaryCrossEntropy(Reduction.Sum).Forward(p, new Tensor([1.0, 0.0, 0.3]));
            loss.Backward(createGraph: true);
            var gradient = p.Grad!;
            p.ZeroGrad();
            return gradient;
        }, Seeded.Uniform(38, 0.1, 0.9, 3));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_SecondOrder_PassesGradCheckOfItsGradient()
    {
        AssertGradientsMatch(x =>
        {
            var z = x[0];
            z.ZeroGrad();
            new BinaryCrossEntropyWithLogits(Reduction.Sum).Forward(z, new Tensor([1.0, 0.0, 0.3])).Backward(createGraph: true);
            var gradient = z.Grad!;
            z.ZeroGrad();
            return gradient;
        }, Seeded.Normal(39, 3));
    }
}
