using Autodiff;

namespace Autodiff.Tests;

/// <summary>The article's own operations, written as users write them: one subclass, Forward and Backward.</summary>
public class UserOperationTests
{
    private sealed class Multiplication(Tensor a, Tensor b) : Operation(a, b)
    {
        public override Tensor Forward() => Parents[0] * Parents[1];
        public override Tensor?[] Backward(Tensor upstream) => [upstream * Parents[1], upstream * Parents[0]];
    }

    private sealed class Addition(Tensor a, Tensor b) : Operation(a, b)
    {
        public override Tensor Forward() => Parents[0] + Parents[1];
        public override Tensor?[] Backward(Tensor upstream) => [upstream, upstream];
    }

    private sealed class Log(Tensor x) : Operation(x)
    {
        public override Tensor Forward() => new(Math.Log(Parents[0].Item()));
        public override Tensor?[] Backward(Tensor upstream) => [upstream / Parents[0]];
    }

    private sealed class Sigmoid(Tensor x) : Operation(x)
    {
        public override Tensor Forward() => new(1.0 / (1.0 + Math.Exp(-Parents[0].Item())));
        public override Tensor?[] Backward(Tensor upstream)
        {
            double s = 1.0 / (1.0 + Math.Exp(-Parents[0].Item()));
            return [upstream * (s * (1 - s))];
        }
    }

    [Fact]
    public void ArticleOperations_MatchTheBuiltIns()
    {
        var a = new Tensor(0.7, requiresGrad: true);
        var b = new Tensor(-1.3, requiresGrad: true);
        var mine = new Log(new Sigmoid(new Addition(new Multiplication(a, b).Apply(), a).Apply()).Apply()).Apply();
        mine.Backward();
        double[] myGradients = [a.Grad!.Item(), b.Grad!.Item()];

        var a2 = new Tensor(0.7, requiresGrad: true);
        var b2 = new Tensor(-1.3, requiresGrad: true);
        var builtIn = (a2 * b2 + a2).Sigmoid().Log();
        builtIn.Backward();

        Approx.Equal(builtIn.Item(), mine.Item());
        Approx.Equal([a2.Grad!.Item(), b2.Grad!.Item()], myGradients);
        Assert.Equal("Log", mine.GradFn!.Name);
    }

    [Fact]
    public void UserOperations_PassGradCheck()
    {
        GradCheck.Run(x => new Sigmoid(new Multiplication(x[0], x[1]).Apply()).Apply(),
            new Tensor(0.4, requiresGrad: true), new Tensor(-2.0, requiresGrad: true)).EnsurePassed();
    }

    [Fact]
    public void UserOperation_Broadcasting_IsSummedBackByTheFramework()
    {
        var matrix = new Tensor(new double[,] { { 1, 2 }, { 3, 4 } }, requiresGrad: true);
        var row = new Tensor([10.0, 20], requiresGrad: true);
        new Addition(matrix, row).Apply().Sum().Backward();
        Assert.Equal([2.0, 2], row.Grad!.ToArray());
        Assert.Equal([1.0, 1, 1, 1], matrix.Grad!.ToArray());
    }

    [Fact]
    public void UserOperation_RecordsNothingInsideForward()
    {
        var a = new Tensor(2.0, requiresGrad: true);
        var b = new Tensor(3.0, requiresGrad: true);
        var z = new Multiplication(a, b).Apply();
        Assert.IsType<Multiplication>(z.GradFn);
        Assert.Same(a, z.GradFn!.Parents[0]);
        Assert.True(z.GradFn.Parents.All(p => p.IsLeaf));
    }

    [Fact]
    public void UserOperation_SecondDerivativesWork()
    {
        var x = new Tensor(1.5, requiresGrad: true);
        var y = new Multiplication(new Multiplication(x, x).Apply(), x).Apply();
        y.Backward(createGraph: true);
        var dy = x.Grad!;
        x.ZeroGrad();
        dy.Backward();
        Approx.Equal(9.0, x.Grad!.Item());
    }

    private sealed class WrongCount(Tensor a, Tensor b) : Operation(a, b)
    {
        public override Tensor Forward() => Parents[0] + Parents[1];
        public override Tensor?[] Backward(Tensor upstream) => [upstream];
    }

    private sealed class WrongShape(Tensor x) : Operation(x)
    {
        public override Tensor Forward() => Parents[0] * 2.0;
        public override Tensor?[] Backward(Tensor upstream) => [new Tensor([1.0, 2, 3, 4])];
    }

    [Fact]
    public void UserOperation_WrongNumberOfGradients_Explains()
    {
        var y = new WrongCount(new Tensor(1.0, requiresGrad: true), new Tensor(2.0)).Apply();
        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("WrongCount.Backward returned 1 gradients, but the operation has 2 parents", error.Message);
    }

    [Fact]
    public void UserOperation_WrongGradientShape_NamesShapes()
    {
        var y = new WrongShape(new Tensor([1.0, 2], requiresGrad: true)).Apply();
        var error = Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
        Assert.Contains("(4,)", error.Message);
        Assert.Contains("(2,)", error.Message);
    }
}
