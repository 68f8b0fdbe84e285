using Autodiff;

namespace Autodiff.Tests;

public class ShapeErrorTests
{
    [Fact]
    public void Broadcast_Incompatible_NamesBothShapes()
    {
        var a = new Tensor(new double[12], [3, 4]);
        var b = new Tensor(new double[2], [2]);
        var error = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("cannot broadcast (3, 4) with (2,)", error.Message);
        Assert.Contains("Add", error.Message);
    }

    [Fact]
    public void MatMul_InnerDimensionsDiffer_NamesBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(4, 5)));
        Assert.Contains("(2, 3) by (4, 5)", error.Message);
        Assert.Contains("3 and 4", error.Message);
    }

    [Fact]
    public void MatMul_Rank3_Explains()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(4)));
        Assert.Contains("(2, 3, 4)", error.Message);
        Assert.Equal("a", error.ParamName);
    }

    [Fact]
    public void Reshape_WrongSize_NamesBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2));
        Assert.Contains("(2, 3)", error.Message);
        Assert.Contains("(4, 2)", error.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(-1, -1));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(7).Reshape(2, -1));
    }

    [Fact]
    public void Reshape_InfersMinusOne()
    {
        Assert.Equal([4, 3], Tensor.Zeros(2, 6).Reshape(4, -1).Shape);
        Assert.Empty(Tensor.Zeros(1, 1).Reshape().Shape);
    }

    [Fact]
    public void Axis_OutOfRange_Explains()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Sum(2));
        Assert.Contains("rank 2", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Tensor(1.0).Softmax(0));
    }

    [Fact]
    public void BroadcastTo_Incompatible_Explains()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).BroadcastTo(2, 4));
        Assert.Contains("cannot broadcast (3,) to (2, 4)", error.Message);
    }

    [Fact]
    public void Transpose_OfVector_Explains()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Transpose());
        Assert.Contains("2-d", error.Message);
    }
}
