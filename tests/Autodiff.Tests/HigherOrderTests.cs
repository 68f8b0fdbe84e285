using Autodiff;

namespace Autodiff.Tests;

public class HigherOrderTests
{
    [Theory]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void SecondDerivative_OfCube_Is6x(double at)
    {
        var x = new Tensor(at, requiresGrad: true);
        var y = x.Pow(3);
        y.Backward(createGraph: true);
        var dydx = x.Grad!;
        Approx.Equal(3 * at * at, dydx.Item());
        Assert.NotNull(dydx.GradFn);               // the gradient is itself a node of a graph

        x.ZeroGrad();
        dydx.Backward();
        Approx.Equal(6 * at, x.Grad!.Item());
    }

    [Fact]
    public void SecondDerivative_OfCubeWrittenAsProducts_Is6x()
    {
        var x = new Tensor(1.5, requiresGrad: true);
        var y = x * x * x;
        y.Backward(createGraph: true);
        var dydx = x.Grad!;
        x.ZeroGrad();
        dydx.Backward();
        Approx.Equal(9.0, x.Grad!.Item());
    }

    public static TheoryData<string, Func<Tensor, Tensor>> Functions => new()
    {
        { "sigmoid", x => x.Sigmoid().Sum() },
        { "tanh", x => x.Tanh().Sum() },
        { "exp·log", x => (x.Exp() * (x * x + 1.0).Log()).Sum() },
        { "div", x => (1.0 / (x * x + 1.0)).Sum() },
        { "pow", x => (x * x + 1.0).Pow(new Tensor(2.5)).Sum() },
        { "softmax", x => (x.Softmax(0) * new Tensor([1.0, 2, 3])).Sum() },
        { "logsumexp", x => x.LogSumExp(0) },
        { "matmul", x => x.Reshape(1, 3).MatMul(new Tensor(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } })).Pow(2).Sum() },
        { "max·mean", x => (x * x).Max(0) + x.Pow(3).Mean() },
    };

    /// <summary>The gradient computed with createGraph is itself differentiated correctly (a Hessian-vector check).</summary>
    [Theory, MemberData(nameof(Functions))]
    public void GradientOfGradient_MatchesFiniteDifferences(string _, Func<Tensor, Tensor> f)
    {
        var at = new Tensor([0.3, -0.8, 1.1], requiresGrad: true);
        var report = GradCheck.Run(x =>
        {
            var input = x[0];
            var y = f(input);
            input.ZeroGrad();
            y.Backward(createGraph: true);
            return input.Grad!;
        }, at);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void CreateGraph_AccumulatesOntoAnEarlierPlainGradient()
    {
        var x = new Tensor(2.0, requiresGrad: true);
        (x * x).Backward();                      // 4, plain
        (x * x * x).Backward(createGraph: true); // + 12, recorded
        Approx.Equal(16.0, x.Grad!);
        Assert.NotNull(x.Grad!.GradFn);
        (x * 1.0).Backward();                    // + 1, plain again
        Approx.Equal(17.0, x.Grad!);
        Assert.Null(x.Grad!.GradFn);
    }
}
