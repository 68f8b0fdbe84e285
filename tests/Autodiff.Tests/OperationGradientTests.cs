using Autodiff;

namespace Autodiff.Tests;

/// <summary>Every operation's backward pass agrees with central differences, at seeded random points and shapes.</summary>
public class OperationGradientTests
{
    public static TheoryData<string, int[], int[]> BinaryShapes => new()
    {
        { "scalar-scalar", [], [] },
        { "same", [3, 4], [3, 4] },
        { "matrix-scalar", [3, 4], [] },
        { "scalar-matrix", [], [2, 3] },
        { "row-broadcast", [3, 4], [4] },
        { "column-broadcast", [3, 1], [3, 4] },
        { "outer", [3, 1], [1, 4] },
        { "size-one-dims", [1, 1, 2], [2, 1, 1] },
        { "vector-one", [5], [1] },
    };

    private static void AssertGradientsMatch(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var report = GradCheck.Run(f, inputs);
        Assert.True(report.Passed, report.ToString());
        Assert.NotEmpty(report.Entries);
    }

    [Theory, MemberData(nameof(BinaryShapes))]
    public void Add(string _, int[] a, int[] b) => AssertGradientsMatch(x => x[0] + x[1], Seeded.Normal(1, a), Seeded.Normal(2, b));

    [Theory, MemberData(nameof(BinaryShapes))]
    public void Sub(string _, int[] a, int[] b) => AssertGradientsMatch(x => x[0] - x[1], Seeded.Normal(3, a), Seeded.Normal(4, b));

    [Theory, MemberData(nameof(BinaryShapes))]
    public void Mul(string _, int[] a, int[] b) => AssertGradientsMatch(x => x[0] * x[1], Seeded.Normal(5, a), Seeded.Normal(6, b));

    [Theory, MemberData(nameof(BinaryShapes))]
    public void Div(string _, int[] a, int[] b) => AssertGradientsMatch(x => x[0] / x[1], Seeded.Normal(7, a), Seeded.Uniform(8, 0.5, 2.0, b));

    [Theory, MemberData(nameof(BinaryShapes))]
    public void PowTensor(string _, int[] a, int[] b) =>
        AssertGradientsMatch(x => x[0].Pow(x[1]), Seeded.Uniform(9, 0.5, 2.0, a), Seeded.Normal(10, b));

    [Fact]
    public void ScalarOperandsOnEitherSide()
    {
        AssertGradientsMatch(x => 2.0 + x[0] * 3.0 - 1.5 / x[0] + (4.0 - x[0]) / 2.0 + 0.5 * x[0] - x[0] * 0.0, Seeded.Uniform(11, 0.5, 2.0, 3));
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(-1.0)]
    [InlineData(0.5)]
    [InlineData(1.7)]
    public void PowConstant(double p) => AssertGradientsMatch(x => x[0].Pow(p), Seeded.Uniform(12, 0.3, 2.0, 2, 3));

    public static TheoryData<string, int[]> UnaryShapes => new() { { "scalar", [] }, { "vector", [5] }, { "matrix", [2, 3] }, { "size-one", [1, 4, 1] } };

    [Theory, MemberData(nameof(UnaryShapes))]
    public void Neg(string _, int[] shape) => AssertGradientsMatch(x => -x[0], Seeded.Normal(13, shape));

    [Theory, MemberData(nameof(UnaryShapes))]
    public void Exp(string _, int[] shape) => AssertGradientsMatch(x => x[0].Exp(), Seeded.Normal(14, shape));

    [Theory, MemberData(nameof(UnaryShapes))]
    public void Log(string _, int[] shape) => AssertGradientsMatch(x => x[0].Log(), Seeded.Uniform(15, 0.2, 3.0, shape));

    [Theory, MemberData(nameof(UnaryShapes))]
    public void Sigmoid(string _, int[] shape) => AssertGradientsMatch(x => x[0].Sigmoid(), Seeded.Normal(16, shape));

    [Theory, MemberData(nameof(UnaryShapes))]
    public void Tanh(string _, int[] shape) => AssertGradientsMatch(x => x[0].Tanh(), Seeded.Normal(17, shape));

    [Fact]
    public void Relu_AwayFromTheKink()
    {
        // Central differences straddling 0 would average the two slopes; keep every element away from it.
        var x = new Tensor([-1.5, -0.3, 0.2, 0.9, 2.0, -0.7], [2, 3], requiresGrad: true);
        AssertGradientsMatch(t => t[0].Relu(), x);
    }

    public static TheoryData<int[], int[]> MatMulShapes => new()
    {
        { [3, 4], [4, 2] }, { [1, 3], [3, 1] }, { [2, 3], [3] }, { [3], [3, 2] }, { [4], [4] }, { [5, 1], [1, 5] },
    };

    [Theory, MemberData(nameof(MatMulShapes))]
    public void MatMul(int[] a, int[] b) => AssertGradientsMatch(x => x[0].MatMul(x[1]), Seeded.Normal(18, a), Seeded.Normal(19, b));

    [Theory]
    [InlineData(null, false)]
    [InlineData(null, true)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(-1, false)]
    [InlineData(2, false)]
    public void Sum(int? axis, bool keepDim) => AssertGradientsMatch(x => x[0].Sum(axis, keepDim), Seeded.Normal(20, 2, 3, 4));

    [Theory]
    [InlineData(null, false)]
    [InlineData(1, false)]
    [InlineData(0, true)]
    public void Mean(int? axis, bool keepDim) => AssertGradientsMatch(x => x[0].Mean(axis, keepDim), Seeded.Normal(21, 3, 4));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Max(int axis) => AssertGradientsMatch(x => x[0].Max(axis), Seeded.Normal(22, 3, 4));

    [Fact]
    public void Max_KeepDim() => AssertGradientsMatch(x => x[0].Max(1, keepDim: true) * 2.0, Seeded.Normal(23, 2, 5));

    [Fact]
    public void Reshape() => AssertGradientsMatch(x => x[0].Reshape(3, -1) * Seeded.Normal(24, 3, 4).Detach(), Seeded.Normal(25, 2, 6));

    [Fact]
    public void Transpose() => AssertGradientsMatch(x => x[0].Transpose() * Seeded.Normal(26, 4, 3).Detach(), Seeded.Normal(27, 3, 4));

    [Fact]
    public void BroadcastTo() => AssertGradientsMatch(x => x[0].BroadcastTo(2, 3, 4) * Seeded.Normal(28, 2, 3, 4).Detach(), Seeded.Normal(29, 3, 1));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LogSumExp(int axis) => AssertGradientsMatch(x => x[0].LogSumExp(axis), Seeded.Normal(30, 3, 4));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Softmax(int axis) => AssertGradientsMatch(x => x[0].Softmax(axis), Seeded.Normal(31, 3, 4));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void LogSoftmax(int axis) => AssertGradientsMatch(x => x[0].LogSoftmax(axis), Seeded.Normal(32, 3, 4));

    [Fact]
    public void ACompositeModel_LinearLayerWithBiasAndTanh()
    {
        AssertGradientsMatch(x => (x[0].MatMul(x[1]) + x[2]).Tanh().Sum(), Seeded.Normal(33, 5, 3), Seeded.Normal(34, 3, 4), Seeded.Normal(35, 4));
    }

    [Fact]
    public void GradCheck_CatchesAWrongDerivative()
    {
        var report = GradCheck.Run(x => new WrongSquare(x[0]).Apply(), Seeded.Normal(36, 3));
        Assert.False(report.Passed);
        Assert.Contains("FAILED", report.ToString());
        Assert.Throws<InvalidOperationException>(() => report.EnsurePassed());
        var entry = report.Entries[0];
        Approx.Equal(entry.Numeric * 1.5, entry.Analytic, 1e-6);
    }

    [Fact]
    public void GradCheck_LeavesItsInputsUntouched()
    {
        var x = Seeded.Normal(37, 3);
        double[] before = x.ToArray();
        GradCheck.Run(t => t[0].Exp().Sum(), x).EnsurePassed();
        Assert.Equal(before, x.ToArray());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void GradCheck_WithoutDifferentiableInputs_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => GradCheck.Run(t => t[0] * 2.0, new Tensor(1.0)));
        Assert.Equal("inputs", error.ParamName);
    }

    /// <summary>y = x², with a derivative that is off by half: 3x instead of 2x.</summary>
    private sealed class WrongSquare(Tensor x) : Operation(x)
    {
        public override Tensor Forward() => Parents[0] * Parents[0];
        public override Tensor?[] Backward(Tensor upstream) => [upstream * 3.0 * Parents[0]];
    }
}
