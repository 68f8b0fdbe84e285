using Autodiff;

namespace Autodiff.Tests;

public class AnomalyTests
{
    [Fact]
    public void DetectAnomaly_NaNInForward_NamesTheOperationAndShapes()
    {
        var x = new Tensor([1.0, -1], requiresGrad: true) { Name = "x" };
        using (Autograd.DetectAnomaly())
        {
            var error = Assert.Throws<AnomalyException>(() => x.Log());
            Assert.False(error.InBackwardPass);
            Assert.Equal("Log", error.Operation.Name);
            Assert.Contains("NaN", error.Message);
            Assert.Contains("tensor 'x' of shape (2,)", error.Message);
        }
    }

    [Fact]
    public void WithoutDetectAnomaly_NaNSpreadsSilently()
    {
        var x = new Tensor([1.0, -1], requiresGrad: true);
        Assert.True(double.IsNaN(x.Log().Sum().Item()));
    }

    [Fact]
    public void DetectAnomaly_InfinityInBackward_NamesTheOperation()
    {
        // √x at 0 is finite, but its derivative 1/(2√x) is not.
        var x = new Tensor([0.0, 4], requiresGrad: true);
        using (Autograd.DetectAnomaly())
        {
            var y = x.Pow(0.5).Sum();
            var error = Assert.Throws<AnomalyException>(() => y.Backward());
            Assert.True(error.InBackwardPass);
            Assert.Equal("Pow", error.Operation.Name);
            Assert.Contains("∞", error.Message);
        }
    }

    [Fact]
    public void DetectAnomaly_InRecordedBackward_AlsoChecks()
    {
        var x = new Tensor(0.0, requiresGrad: true);
        using (Autograd.DetectAnomaly())
        {
            var y = x.Pow(0.5);
            Assert.Throws<AnomalyException>(() => y.Backward(createGraph: true));
        }
    }

    [Fact]
    public void DetectAnomaly_Finite_ChangesNothing()
    {
        var x = new Tensor([1.0, 2], requiresGrad: true);
        using (Autograd.DetectAnomaly())
        {
            x.Log().Sum().Backward();
        }
        Assert.Equal([1.0, 0.5], x.Grad!.ToArray());
        Assert.False(Autograd.IsAnomalyDetectionEnabled);
    }

    [Fact]
    public void DetectAnomaly_InputAlreadyNaN_SaysSo()
    {
        var x = new Tensor(double.NaN, requiresGrad: true);
        using (Autograd.DetectAnomaly())
        {
            var error = Assert.Throws<AnomalyException>(() => x * 2.0);
            Assert.Contains("already not finite", error.Message);
        }
    }
}
