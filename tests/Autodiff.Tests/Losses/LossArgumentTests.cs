using Autodiff.Losses;

namespace Autodiff.Tests.Losses;

/// <summary>Bad input gives an ArgumentException that names the argument and says what was wrong.</summary>
public class LossArgumentTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void BinaryCrossEntropy_LabelOutsideZeroOne_Throws(double label)
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy().Forward(new Tensor([0.5, 0.5]), new Tensor([1.0, label])));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("element 1", e.Message);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void BinaryCrossEntropy_PredictionThatIsNotAProbability_Throws(double p)
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy().Forward(new Tensor(p), 1));
        Assert.Equal("prediction", e.ParamName);
        Assert.Contains("BinaryCrossEntropyWithLogits", e.Message);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_LabelOutsideZeroOne_Throws() =>
        Assert.Equal("target", Assert.Throws<ArgumentException>(() => new BinaryCrossEntropyWithLogits().Forward(new Tensor(3.0), 2)).ParamName);

    public static TheoryData<string> ShapeCheckedLosses => ["bce", "logits", "mse", "hinge"];

    [Theory, MemberData(nameof(ShapeCheckedLosses))]
    public void MismatchedShapes_Throw_NamingBothShapes(string name)
    {
        Loss loss = name switch
        {
            "bce" => new BinaryCrossEntropy(),
            "logits" => new BinaryCrossEntropyWithLogits(),
            "mse" => new MeanSquaredError(),
            _ => new Hinge(),
        };
        var e = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor([0.5, 0.5, 0.5]), new Tensor([1.0, 1.0])));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("(2,)", e.Message);
        Assert.Contains("(3,)", e.Message);
    }

    [Fact]
    public void Hinge_LabelsMustBeMinusOneOrPlusOne()
    {
        var e = Assert.Throws<ArgumentException>(() => new Hinge().Forward(new Tensor([0.5, 0.5]), new Tensor([1.0, 0.0])));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("2·label − 1", e.Message);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(-1.0)]
    [InlineData(0.5)]
    public void CrossEntropy_TargetThatIsNotAClassIndex_Throws(double target)
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Forward(new Tensor(new double[,] { { 1, 2, 3 } }), new Tensor([target])));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("0 … 2", e.Message);
    }

    [Fact]
    public void CrossEntropy_WrongNumberOfTargets_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Forward(Tensor.Zeros(4, 3), [0, 1]));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("(4, 3)", e.Message);
    }

    [Fact]
    public void CrossEntropy_LogitsOfRankThree_Throw() =>
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => new CrossEntropy().Forward(Tensor.Zeros(2, 2, 2), [0, 1])).ParamName);

    [Fact]
    public void UndefinedReduction_Throws() =>
        Assert.Equal("reduction", Assert.Throws<ArgumentException>(() => new MeanSquaredError((Reduction)7)).ParamName);
}
