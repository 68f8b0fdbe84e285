using Autodiff.Training;

namespace Autodiff.Tests.Training;

public class MetricsTests
{
    [Fact]
    public void Accuracy_OfProbabilities_ThresholdsAtOneHalf()
    {
        var p = new Tensor([0.9, 0.4, 0.6, 0.1]);
        Assert.Equal(0.5, Metrics.Accuracy(p, new Tensor([1.0, 1.0, 0.0, 0.0])));
    }

    [Fact]
    public void Accuracy_OfScores_WithSignedOrZeroOneLabels_ThresholdsAtZero()
    {
        var scores = new Tensor(new double[,] { { 2.0 }, { -0.5 }, { 0.3 } });   // an MLP's n×1 output
        Assert.Equal(2.0 / 3, Metrics.Accuracy(scores, new Tensor([1.0, -1.0, -1.0]), threshold: 0));
        Assert.Equal(2.0 / 3, Metrics.Accuracy(scores, new Tensor([1.0, 0.0, 0.0]), threshold: 0));
    }

    [Fact]
    public void Accuracy_OfClassScores_TakesTheLargest()
    {
        var logits = new Tensor(new double[,] { { 1, 5, 2 }, { 3, 0, 0 }, { 0, 0, 9 }, { 1, 2, 0 } });
        Assert.Equal(0.75, Metrics.Accuracy(logits, new Tensor([1.0, 0.0, 2.0, 0.0])));
    }

    [Fact]
    public void Accuracy_MismatchedOrEmpty_Throws()
    {
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Tensor.Zeros(3), Tensor.Zeros(2))).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Tensor.Zeros(0), Tensor.Zeros(0))).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => Metrics.Accuracy(Tensor.Zeros(4, 3), Tensor.Zeros(3))).ParamName);
    }
}
