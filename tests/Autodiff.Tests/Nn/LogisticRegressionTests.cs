using Autodiff.Nn;

namespace Autodiff.Tests.Nn;

public class LogisticRegressionTests
{
    [Fact]
    public void Parameters_AreNamedScalarsInAFixedOrder()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var parameters = model.Parameters();
        Assert.Equal(["w1", "w2", "b"], parameters.Select(p => p.Name));
        Assert.Equal([-1.0, 1.0, 2.0], parameters.Select(p => p.Item()));
        Assert.All(parameters, p => Assert.True(p.IsLeaf && p.RequiresGrad && p.Rank == 0));
        Assert.Same(parameters[0], model.Parameters()[0]);
        Assert.Equal("σ(-1·x1 + 1·x2 + 2)", model.ToString());
    }

    [Fact]
    public void Forward_OneExample_IsSigmoidOfTheLinearScore()
    {
        // σ(−1·0.5 + 1·(−1) + 2) = σ(0.5); ∂ŷ/∂w1 = ŷ(1 − ŷ)·x1, ∂ŷ/∂b = ŷ(1 − ŷ).
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        var y = model.Forward(new Tensor(0.5), new Tensor(-1.0));
        y.Backward();
        double s = 1 / (1 + Math.Exp(-0.5));
        Approx.Equal(s, y);
        Approx.Equal(s * (1 - s) * 0.5, model.W1.Grad);
        Approx.Equal(s * (1 - s) * -1.0, model.W2.Grad);
        Approx.Equal(s * (1 - s), model.B.Grad);
    }

    [Fact]
    public void Forward_Batch_EqualsTheOneExampleForm()
    {
        var model = new LogisticRegression(seed: 5);
        var x = new Tensor(new double[,] { { 0.5, -1 }, { 2, 3 }, { -1, 0 } });
        var batch = model.Forward(x).ToArray();
        Assert.Equal(3, batch.Length);
        for (int i = 0; i < 3; i++)
            Approx.Equal(model.Forward(new Tensor(x[i, 0]), new Tensor(x[i, 1])).Item(), batch[i]);
    }

    [Fact]
    public void Forward_Batch_PassesGradCheck_ForItsInputs()
    {
        // An input that requires grad (an adversarial example) still receives its gradient through the batched form.
        var model = new LogisticRegression(w1: 0.3, w2: -0.7, b: 0.1);
        var report = GradCheck.Run(t => model.Forward(t[0]), Seeded.Normal(41, 4, 2));
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(8 * 4, report.Entries.Count);
    }

    [Fact]
    public void Forward_Batch_GivesTheParametersTheSumOfThePerExampleGradients()
    {
        var x = new Tensor(new double[,] { { 0.5, -1 }, { 2, 3 }, { -1, 0 } });
        var batched = new LogisticRegression(seed: 8);
        batched.Forward(x).Sum().Backward();
        var looped = new LogisticRegression(seed: 8);
        for (int i = 0; i < 3; i++) looped.Forward(new Tensor(x[i, 0]), new Tensor(x[i, 1])).Backward();
        for (int k = 0; k < 3; k++)
            Approx.Equal(looped.Parameters()[k].Grad!.Item(), batched.Parameters()[k].Grad);
    }

    [Fact]
    public void Seed_GivesReproducibleValuesInMinusOneToOne()
    {
        var a = new LogisticRegression(seed: 3).Parameters().Select(p => p.Item()).ToArray();
        var b = new LogisticRegression(seed: 3).Parameters().Select(p => p.Item()).ToArray();
        var c = new LogisticRegression(seed: 4).Parameters().Select(p => p.Item()).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, -1.0, 1.0));
    }

    [Fact]
    public void ZeroGrad_ForgetsEveryParametersGradient()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        model.Forward(new Tensor(1.0), new Tensor(1.0)).Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Theory]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 4, 3 })]
    [InlineData(new[] { 2, 2, 2 })]
    public void Forward_BatchThatIsNotNByTwo_Throws(int[] shape)
    {
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression(seed: 1).Forward(Tensor.Zeros(shape)));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("n×2", e.Message);
    }

    [Fact]
    public void NonFiniteStartingValue_Throws() =>
        Assert.Equal("w2", Assert.Throws<ArgumentException>(() => new LogisticRegression(0, double.NaN, 0)).ParamName);

    [Fact]
    public void Probability_IsTheForwardPassAsANumber_AndRecordsNothing()
    {
        var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
        Assert.Equal(1 / (1 + Math.Exp(-(-1 * 0.5 + 1 * -1.5 + 2))), model.Probability(0.5, -1.5), 15);
        Assert.Null(model.W1.Grad);
        Assert.Equal(model.Forward(new Tensor(0.5), new Tensor(-1.5)).Item(), model.Probability(0.5, -1.5));
    }
}
