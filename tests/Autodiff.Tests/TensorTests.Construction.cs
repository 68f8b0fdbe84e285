using Autodiff;

namespace Autodiff.Tests;

public class TensorConstructionTests
{
    [Fact]
    public void Scalar_HasEmptyShapeAndOneElement()
    {
        var t = new Tensor(2.5, requiresGrad: true);
        Assert.Empty(t.Shape);
        Assert.Equal(0, t.Rank);
        Assert.Equal(1, t.Size);
        Assert.Equal(2.5, t.Item());
        Assert.True(t.RequiresGrad);
        Assert.True(t.IsLeaf);
        Assert.Null(t.Grad);
        Assert.Null(t.GradFn);
    }

    [Fact]
    public void Matrix_IsRowMajor()
    {
        var t = new Tensor([1.0, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal([2, 3], t.Shape);
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal(2.0, t[0, 1]);
        Assert.Equal(new Tensor(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }).ToArray(), t.ToArray());
    }

    [Fact]
    public void Constructor_CopiesTheData()
    {
        double[] data = [1, 2];
        var t = new Tensor(data);
        data[0] = 99;
        Assert.Equal([1.0, 2.0], t.ToArray());
        t.ToArray()[1] = 99;
        Assert.Equal([1.0, 2.0], t.ToArray());
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, 5, "data has 5 values but shape (2, 3) needs 6")]
    [InlineData(new[] { 4 }, 3, "data has 3 values but shape (4,) needs 4")]
    [InlineData(new int[0], 2, "data has 2 values but shape () needs 1")]
    public void Constructor_WrongNumberOfValues_NamesBoth(int[] shape, int count, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor(new double[count], shape));
        Assert.Equal("data", error.ParamName);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Constructor_NegativeDimension_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tensor([], [2, -1]));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("(2, -1)", error.Message);
    }

    [Fact]
    public void Item_OnManyElements_ExplainsAndSuggestsToArray()
    {
        var t = new Tensor([1.0, 2, 3]) { Name = "x" };
        var error = Assert.Throws<InvalidOperationException>(() => t.Item());
        Assert.Contains("tensor 'x' of shape (3,) has 3", error.Message);
        Assert.Contains("ToArray()", error.Message);
    }

    [Fact]
    public void Item_OnOneElementMatrix_ReturnsIt()
    {
        Assert.Equal(7.0, new Tensor([7.0], [1, 1]).Item());
    }

    [Fact]
    public void Indexer_OutOfRange_NamesTheDimension()
    {
        var t = new Tensor([1.0, 2, 3, 4], [2, 2]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => t[0, 2]);
        Assert.Contains("dimension 1 of size 2", error.Message);
        Assert.Throws<ArgumentException>(() => t[0]);
    }

    [Fact]
    public void Factories_FillAsAdvertised()
    {
        Assert.Equal(new double[6], Tensor.Zeros(2, 3).ToArray());
        Assert.Equal([1.0, 1, 1], Tensor.Ones(3).ToArray());
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], Tensor.Linspace(0, 1, 5).ToArray());
        Assert.Equal(Tensor.RandomNormal([5], new System.Random(3)).ToArray(), Tensor.RandomNormal([5], new System.Random(3)).ToArray());
        var uniform = Tensor.RandomUniform([1000], new System.Random(1), -2, 3).ToArray();
        Assert.All(uniform, v => Assert.InRange(v, -2, 3));
    }

    [Fact]
    public void RandomNormal_HasTheRequestedMoments()
    {
        var values = Tensor.RandomNormal([20000], new System.Random(7), mean: 1.5, std: 2.0).ToArray();
        double mean = values.Average();
        double std = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 1.45, 1.55);
        Assert.InRange(std, 1.95, 2.05);
    }

    [Fact]
    public void ToString_ShowsValuesNameAndGraphRole()
    {
        var w = new Tensor(-0.5, requiresGrad: true) { Name = "w" };
        Assert.Equal("Tensor(-0.5, name: w, requiresGrad)", w.ToString());
        var y = w * 2.0;
        Assert.Equal("Tensor(-1, gradFn: Mul)", y.ToString());
        var m = new Tensor([1.0, 2, 3, 4], [2, 2]);
        Assert.Equal("Tensor([[1, 2]," + Environment.NewLine + "        [3, 4]], shape: (2, 2))", m.ToString());
        Assert.Equal("Tensor([0, 1, 2, ..., 7, 8, 9])", new Tensor(Enumerable.Range(0, 10).Select(i => (double)i).ToArray()).ToString());
    }

    [Fact]
    public void RequiresGrad_CanChangeOnLeavesOnly()
    {
        var x = new Tensor(1.0);
        x.RequiresGrad = true;
        var y = x * 3.0;
        var error = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("leaf", error.Message);
    }

    [Fact]
    public void Equality_IsReferenceIdentity()
    {
        var a = new Tensor(1.0);
        var b = new Tensor(1.0);
        Assert.False(a.Equals(b));
        Assert.True(a.Equals(a));
    }
}
