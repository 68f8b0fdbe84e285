using Autodiff.Optim;

namespace Autodiff.Tests.Optim;

/// <summary>Bad optimizer arguments give an ArgumentException that names the argument.</summary>
public class OptimizerArgumentTests
{
    private static Tensor[] OneParameter() => [new Tensor(1.0, requiresGrad: true)];

    public static TheoryData<double> BadLearningRates => [0.0, -0.1, double.NaN, double.PositiveInfinity];

    [Theory, MemberData(nameof(BadLearningRates))]
    public void LearningRate_NotPositiveAndFinite_Throws_ForEveryOptimizer(double learningRate)
    {
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => new GradientDescent(OneParameter(), learningRate)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => new Sgd(OneParameter(), learningRate)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => new Adam(OneParameter(), learningRate)).ParamName);
        var optimizer = new GradientDescent(OneParameter(), 0.1);
        Assert.Equal("learningRate", Assert.Throws<ArgumentException>(() => optimizer.LearningRate = learningRate).ParamName);
        Assert.Equal(0.1, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Momentum_OutsideZeroOne_Throws(double momentum) =>
        Assert.Equal("momentum", Assert.Throws<ArgumentException>(() => new Sgd(OneParameter(), 0.1, momentum)).ParamName);

    [Fact]
    public void Nesterov_WithoutMomentum_Throws() =>
        Assert.Equal("nesterov", Assert.Throws<ArgumentException>(() => new Sgd(OneParameter(), 0.1, momentum: 0, nesterov: true)).ParamName);

    [Theory]
    [InlineData(1.0, 0.999, 1e-8, "beta1")]
    [InlineData(-0.5, 0.999, 1e-8, "beta1")]
    [InlineData(0.9, 1.0, 1e-8, "beta2")]
    [InlineData(0.9, double.NaN, 1e-8, "beta2")]
    [InlineData(0.9, 0.999, -1e-8, "epsilon")]
    [InlineData(0.9, 0.999, double.NaN, "epsilon")]
    public void Adam_HyperparameterOutOfRange_Throws(double beta1, double beta2, double epsilon, string name) =>
        Assert.Equal(name, Assert.Throws<ArgumentException>(() => new Adam(OneParameter(), 0.1, beta1, beta2, epsilon)).ParamName);

    [Fact]
    public void NoParameters_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam([], 0.1));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void NonLeafParameter_Throws()
    {
        var w = new Tensor(1.0, requiresGrad: true);
        var e = Assert.Throws<ArgumentException>(() => new GradientDescent([w * 2.0], 0.1));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("Mul", e.Message);
    }

    [Fact]
    public void ParameterThatDoesNotRequireGrad_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientDescent([new Tensor(1.0) { Name = "w" }], 0.1));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("'w'", e.Message);
        Assert.Contains("requiresGrad: true", e.Message);
    }

    [Fact]
    public void ParameterListedTwice_Throws()
    {
        var w = new Tensor(1.0, requiresGrad: true);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new Sgd([w, w], 0.1)).Message);
    }
}
