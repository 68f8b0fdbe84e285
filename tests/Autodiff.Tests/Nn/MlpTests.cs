using Autodiff.Nn;

namespace Autodiff.Tests.Nn;

public class MlpTests
{
    [Fact]
    public void Linear_IsXTimesWPlusB_WithWeightsInByOut()
    {
        var layer = new Linear(inFeatures: 3, outFeatures: 2, seed: 7);
        Assert.Equal([3, 2], layer.Weight.Shape);
        Assert.Equal([2], layer.Bias.Shape);
        Assert.Equal(["W", "b"], layer.Parameters().Select(p => p.Name));

        var x = new Tensor(new double[,] { { 1, 2, 3 }, { -1, 0, 0.5 } });
        var y = layer.Forward(x);
        Assert.Equal([2, 2], y.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                double expected = layer.Bias[j];
                for (int k = 0; k < 3; k++) expected += x[i, k] * layer.Weight[k, j];
                Approx.Equal(expected, y[i, j]);
            }
        Approx.Equal(y.ToArray()[..2], layer.Forward(new Tensor([1.0, 2, 3])));   // one example: a vector in, a vector out
    }

    [Fact]
    public void Linear_Init_IsMicrogradsUniformWeightsAndZeroBias_ReproducibleFromTheSeed()
    {
        var a = new Linear(16, 16, seed: 1);
        Assert.All(a.Weight.ToArray(), w => Assert.InRange(w, -1.0, 1.0));
        Assert.All(a.Bias.ToArray(), b => Assert.Equal(0.0, b));
        Assert.Equal(a.Weight.ToArray(), new Linear(16, 16, seed: 1).Weight.ToArray());
        Assert.NotEqual(a.Weight.ToArray(), new Linear(16, 16, seed: 2).Weight.ToArray());
    }

    [Fact]
    public void Mlp_MicrogradsDemoNetwork_InOneLine()
    {
        var model = new Mlp([2, 16, 16, 1], Activation.Relu, seed: 1);
        Assert.Equal(["W1", "b1", "W2", "b2", "W3", "b3"], model.Parameters().Select(p => p.Name));
        Assert.Equal(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1, model.Parameters().Sum(p => p.Size));   // micrograd's 337
        Assert.Equal([5, 1], model.Forward(Tensor.Zeros(5, 2)).Shape);
        Assert.Equal("Mlp([2, 16, 16, 1], Relu)", model.ToString());
    }

    [Fact]
    public void Mlp_Forward_AppliesTheActivationBetweenLayersButNotAfterTheLast()
    {
        var model = new Mlp([2, 3, 2], Activation.Tanh, seed: 4);
        var x = new Tensor(new double[,] { { 0.5, -1 } });
        var expected = model.Layers[1].Forward(model.Layers[0].Forward(x).Tanh());
        Approx.Equal(expected.ToArray(), model.Forward(x));
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    public void Mlp_PassesGradCheck_ForItsInput(Activation activation)
    {
        var model = new Mlp([2, 4, 3], activation, seed: 2);
        var report = GradCheck.Run(x => model.Forward(x[0]), Seeded.Normal(43, 3, 2));
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void Mlp_GradientsReachEveryParameter()
    {
        var model = new Mlp([2, 4, 1], Activation.Tanh, seed: 2);
        model.Forward(new Tensor(new double[,] { { 0.5, -1 }, { 1, 2 } })).Sum().Backward();
        Assert.All(model.Parameters(), p =>
        {
            Assert.NotNull(p.Grad);
            Assert.Equal(p.Shape, p.Grad!.Shape);
        });
    }

    [Theory]
    [InlineData(new[] { 2 }, "sizes")]
    [InlineData(new[] { 2, 0, 1 }, "sizes")]
    public void Mlp_BadSizes_Throw(int[] sizes, string name) =>
        Assert.Equal(name, Assert.Throws<ArgumentException>(() => new Mlp(sizes, Activation.Relu, 1)).ParamName);

    [Fact]
    public void Linear_BadSizes_AndBadInput_Throw()
    {
        Assert.Equal("inFeatures", Assert.Throws<ArgumentException>(() => new Linear(0, 2, 1)).ParamName);
        Assert.Equal("outFeatures", Assert.Throws<ArgumentException>(() => new Linear(2, -1, 1)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new Linear(3, 2, 1).Forward(Tensor.Zeros(4, 2)));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("(4, 2)", e.Message);
    }
}
