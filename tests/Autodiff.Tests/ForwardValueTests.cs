using Autodiff;

namespace Autodiff.Tests;

/// <summary>Forward values of the operations against hand-computed results.</summary>
public class ForwardValueTests
{
    private static readonly Tensor M = new(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void Broadcasting_FollowsNumPy()
    {
        Assert.Equal([11.0, 22, 33, 14, 25, 36], (M + new Tensor([10.0, 20, 30])).ToArray());
        Assert.Equal([0.0, 1, 2, 2, 3, 4], (M - new Tensor(new double[,] { { 1 }, { 2 } })).ToArray());
        var outer = new Tensor(new double[,] { { 1 }, { 2 } }) * new Tensor(new double[,] { { 1, 10, 100 } });
        Assert.Equal([2, 3], outer.Shape);
        Assert.Equal([1.0, 10, 100, 2, 20, 200], outer.ToArray());
        Assert.Equal([2, 1, 3], (new Tensor(new double[3], [1, 1, 3]) + new Tensor(new double[2], [2, 1, 1])).Shape.Take(1).Concat([1, 3]).ToArray());
    }

    [Fact]
    public void Arithmetic()
    {
        Assert.Equal([0.5, 1, 1.5, 2, 2.5, 3], (M / 2.0).ToArray());
        Assert.Equal([1.0, 0.5, 1.0 / 3], (1.0 / new Tensor([1.0, 2, 3])).ToArray());
        Assert.Equal([-1.0, -2, -3, -4, -5, -6], (-M).ToArray());
        Assert.Equal([1.0, 4, 9, 16, 25, 36], M.Pow(2).ToArray());
        Assert.Equal([1.0, 4, 27], new Tensor([1.0, 2, 3]).Pow(new Tensor([3.0, 2, 3])).ToArray());
        Assert.Equal(new Tensor(2.0).Add(3.0).Item(), (new Tensor(2.0) + 3.0).Item());
        Assert.Equal(-1.0, new Tensor(2.0).Sub(new Tensor(3.0)).Item());
        Assert.Equal(6.0, new Tensor(2.0).Mul(3.0).Item());
        Assert.Equal(0.5, new Tensor(1.0).Div(2.0).Item());
        Assert.Equal(-2.0, new Tensor(2.0).Neg().Item());
    }

    [Fact]
    public void MatMul_AllFourForms()
    {
        var b = new Tensor(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        Assert.Equal([4.0, 5, 10, 11], M.MatMul(b).ToArray());
        Assert.Equal([2, 2], M.MatMul(b).Shape);
        Assert.Equal([14.0, 32], M.MatMul(new Tensor([1.0, 2, 3])).ToArray());
        Assert.Equal([9.0, 12, 15], new Tensor([1.0, 2]).MatMul(M).ToArray());
        Assert.Equal(14.0, new Tensor([1.0, 2, 3]).MatMul(new Tensor([1.0, 2, 3])).Item());
    }

    [Fact]
    public void MatMul_Large_MatchesTheNaiveTripleLoop()
    {
        var a = Tensor.RandomNormal([37, 53], new System.Random(1));
        var b = Tensor.RandomNormal([53, 29], new System.Random(2));
        var expected = new double[37 * 29];
        for (int i = 0; i < 37; i++)
            for (int j = 0; j < 29; j++)
                for (int p = 0; p < 53; p++)
                    expected[i * 29 + j] += a[i, p] * b[p, j];
        Approx.Equal(expected, a.MatMul(b).ToArray(), 1e-12);
    }

    [Fact]
    public void Reductions()
    {
        Assert.Equal(21.0, M.Sum().Item());
        Assert.Equal([5.0, 7, 9], M.Sum(0).ToArray());
        Assert.Equal([6.0, 15], M.Sum(1).ToArray());
        Assert.Equal([2, 1], M.Sum(1, keepDim: true).Shape);
        Assert.Equal([1, 1], M.Sum(keepDim: true).Shape);
        Assert.Equal(3.5, M.Mean().Item());
        Assert.Equal([2.0, 5], M.Mean(-1).ToArray());
        Assert.Equal([4.0, 5, 6], M.Max(0).ToArray());
        Assert.Equal([3.0, 6], M.Max(1).ToArray());
        Approx.Equal([Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), Math.Log(Math.Exp(4) + Math.Exp(5) + Math.Exp(6))], M.LogSumExp(1).ToArray());
        var softmax = M.Softmax(1).ToArray();
        Approx.Equal(1.0, softmax.Take(3).Sum());
        Approx.Equal(Math.Exp(3) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), softmax[2]);
    }

    [Fact]
    public void Max_TiesSendTheGradientToTheFirst()
    {
        var x = new Tensor([2.0, 5, 5, 1], requiresGrad: true);
        x.Max(0).Backward();
        Assert.Equal([0.0, 1, 0, 0], x.Grad!.ToArray());
    }

    [Fact]
    public void ShapeOps()
    {
        Assert.Equal([1.0, 4, 2, 5, 3, 6], M.Transpose().ToArray());
        Assert.Equal([3, 2], M.Transpose().Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], M.Reshape(3, 2).ToArray());
        Assert.Equal([1.0, 2, 1, 2], new Tensor([1.0, 2]).BroadcastTo(2, 2).ToArray());
    }

    [Fact]
    public void Unary()
    {
        var x = new Tensor([-1.0, 0, 2]);
        Approx.Equal([Math.Exp(-1), 1, Math.Exp(2)], x.Exp().ToArray());
        Approx.Equal([Math.Tanh(-1), 0, Math.Tanh(2)], x.Tanh().ToArray());
        Approx.Equal([1 / (1 + Math.E), 0.5, 1 / (1 + Math.Exp(-2))], x.Sigmoid().ToArray());
        Assert.Equal([0.0, 0, 2], x.Relu().ToArray());
        Approx.Equal([0.0, Math.Log(2)], new Tensor([1.0, 2]).Log().ToArray());
    }

    [Fact]
    public void ZeroSizedTensors_Work()
    {
        var empty = new Tensor([], [0, 3]);
        Assert.Equal(0, empty.Size);
        Assert.Equal(0.0, empty.Sum().Item());
        Assert.Equal([0, 3], (empty + new Tensor([1.0, 2, 3])).Shape);
        Assert.Equal([0.0, 0, 0], empty.Sum(0).ToArray());
    }
}
