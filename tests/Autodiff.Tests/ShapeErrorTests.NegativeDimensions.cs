using Autodiff;

namespace Autodiff.Tests;

public class NegativeDimensionTests
{
    public static TheoryData<string, Func<Tensor>> ShapeTakers => new()
    {
        { "Zeros", () => Tensor.Zeros(-1) },
        { "Ones", () => Tensor.Ones(2, -3) },
        { "Full", () => Tensor.Full([2, -3], 1.0) },
        { "RandomNormal", () => Tensor.RandomNormal([2, -3], new Random(1)) },
        { "RandomUniform", () => Tensor.RandomUniform([2, -3], new Random(1)) },
        { "new Tensor", () => new Tensor([], [2, -3]) },
        { "BroadcastTo", () => Tensor.Zeros(1).BroadcastTo(2, -3) },
    };

    [Theory, MemberData(nameof(ShapeTakers))]
    public void ShapeWithANegativeDimension_NamesTheDimension(string _, Func<Tensor> make)
    {
        var error = Assert.Throws<ArgumentException>(make);
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("negative", error.Message);
        Assert.Contains("dimension", error.Message);
        Assert.Matches(@"dimension \d+ is -\d", error.Message);
    }

    [Fact]
    public void Zeros_MinusOne_SaysDimensionZeroIsNegative()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1));
        Assert.Contains("(-1,)", error.Message);
        Assert.Contains("dimension 0 is -1", error.Message);
    }

    [Fact]
    public void Reshape_NegativeDimensionOtherThanMinusOne_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(3, -2));
        Assert.Equal("shape", error.ParamName);
        Assert.Contains("dimension 1 is -2", error.Message);
        Assert.Contains("only -1", error.Message);
    }
}
