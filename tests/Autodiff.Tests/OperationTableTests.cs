using System.Reflection;
using Autodiff;
using Autodiff.Losses;
using Autodiff.Ops;

namespace Autodiff.Tests;

/// <summary>
/// One table, every operation, every broadcasting shape: each row runs through plain <c>Backward()</c> and through
/// <c>Backward(createGraph: true)</c>, and the two gradients must equal each other and central differences. A wrong
/// derivative anywhere, in the numbers the fast pass uses or in the tensors the recorded pass builds, fails a row.
/// </summary>
public class OperationTableTests
{
    private static readonly (string Name, int[] A, int[] B)[] s_broadcasts =
    [
        ("scalar-scalar", [], []),
        ("same", [3, 4], [3, 4]),
        ("matrix-scalar", [3, 4], []),
        ("scalar-matrix", [], [2, 3]),
        ("row", [3, 4], [4]),
        ("column", [3, 1], [3, 4]),
        ("outer", [3, 1], [1, 4]),
        ("size-one-dims", [1, 1, 2], [2, 1, 1]),
        ("vector-one", [5], [1]),
    ];

    private static readonly int[][] s_unaryShapes = [[], [5], [2, 3], [1, 4, 1]];

    /// <summary>An operation, the inputs it is checked at, and the type of operation node it must produce.</summary>
    public sealed record Row(string Name, Type Operation, Func<Tensor[], Tensor> F, Func<Tensor[]> Inputs)
    {
        public override string ToString() => Name;
    }

    private static Tensor Normal(int seed, int[] shape) => Seeded.Normal(seed, shape);
    private static Tensor Uniform(int seed, double low, double high, int[] shape) => Seeded.Uniform(seed, low, high, shape);

    public static IEnumerable<Row> Rows()
    {
        foreach (var (name, a, b) in s_broadcasts)
        {
            yield return new($"Add {name}", typeof(Add), x => x[0] + x[1], () => [Normal(1, a), Normal(2, b)]);
            yield return new($"Sub {name}", typeof(Sub), x => x[0] - x[1], () => [Normal(3, a), Normal(4, b)]);
            yield return new($"Mul {name}", typeof(Mul), x => x[0] * x[1], () => [Normal(5, a), Normal(6, b)]);
            yield return new($"Div {name}", typeof(Div), x => x[0] / x[1], () => [Normal(7, a), Uniform(8, 0.5, 2.0, b)]);
            yield return new($"PowTensor {name}", typeof(PowTensor), x => x[0].Pow(x[1]), () => [Uniform(9, 0.5, 2.0, a), Normal(10, b)]);
            yield return new($"BinaryCrossEntropyTerm {name}", typeof(BinaryCrossEntropyTerm),
                x => new BinaryCrossEntropyTerm(x[0], x[1]).Apply(), () => [Uniform(11, 0.1, 0.9, a), Uniform(12, 0.0, 1.0, b)]);
            yield return new($"BinaryCrossEntropyWithLogitsTerm {name}", typeof(BinaryCrossEntropyWithLogitsTerm),
                x => new BinaryCrossEntropyWithLogitsTerm(x[0], x[1]).Apply(), () => [Normal(13, a), Uniform(14, 0.0, 1.0, b)]);
        }
        foreach (var shape in s_unaryShapes)
        {
            string s = $"({string.Join(",", shape)})";
            yield return new($"Neg {s}", typeof(Neg), x => -x[0], () => [Normal(20, shape)]);
            yield return new($"Exp {s}", typeof(Exp), x => x[0].Exp(), () => [Normal(21, shape)]);
            yield return new($"Log {s}", typeof(Log), x => x[0].Log(), () => [Uniform(22, 0.2, 3.0, shape)]);
            yield return new($"Sigmoid {s}", typeof(Sigmoid), x => x[0].Sigmoid(), () => [Normal(23, shape)]);
            yield return new($"Tanh {s}", typeof(Tanh), x => x[0].Tanh(), () => [Normal(24, shape)]);
            yield return new($"Relu {s}", typeof(Relu), x => x[0].Relu(), () => [AwayFromZero(Normal(25, shape))]);
            yield return new($"Pow 3 {s}", typeof(Pow), x => x[0].Pow(3.0), () => [Normal(26, shape)]);
            yield return new($"Pow 0.5 {s}", typeof(Pow), x => x[0].Pow(0.5), () => [Uniform(27, 0.3, 2.0, shape)]);
        }
        yield return new("MatMul matrix·matrix", typeof(MatMul), x => x[0].MatMul(x[1]), () => [Normal(30, [3, 4]), Normal(31, [4, 2])]);
        yield return new("MatMul matrix·vector", typeof(MatMul), x => x[0].MatMul(x[1]), () => [Normal(32, [3, 4]), Normal(33, [4])]);
        yield return new("MatMul vector·matrix", typeof(MatMul), x => x[0].MatMul(x[1]), () => [Normal(34, [4]), Normal(35, [4, 2])]);
        yield return new("MatMul vector·vector", typeof(MatMul), x => x[0].MatMul(x[1]), () => [Normal(36, [4]), Normal(37, [4])]);
        yield return new("Sum all", typeof(Sum), x => x[0].Sum(), () => [Normal(40, [2, 3, 4])]);
        yield return new("Sum all kept", typeof(Sum), x => x[0].Sum(keepDim: true), () => [Normal(53, [2, 3])]);
        yield return new("Sum axis 1", typeof(Sum), x => x[0].Sum(1), () => [Normal(41, [2, 3, 4])]);
        yield return new("Sum axis 0 kept", typeof(Sum), x => x[0].Sum(0, keepDim: true), () => [Normal(42, [2, 3, 4])]);
        yield return new("Max axis 0", typeof(Max), x => x[0].Max(0), () => [Normal(43, [3, 4])]);
        yield return new("Max axis 1 kept", typeof(Max), x => x[0].Max(1, keepDim: true), () => [Normal(44, [3, 4])]);
        yield return new("LogSumExp axis 0", typeof(LogSumExp), x => x[0].LogSumExp(0), () => [Normal(45, [3, 4])]);
        yield return new("LogSumExp axis 1 kept", typeof(LogSumExp), x => x[0].LogSumExp(1, keepDim: true), () => [Normal(46, [3, 4])]);
        yield return new("Transpose", typeof(Transpose), x => x[0].Transpose(), () => [Normal(47, [3, 4])]);
        yield return new("Reshape", typeof(Reshape), x => x[0].Reshape(3, -1), () => [Normal(48, [2, 6])]);
        yield return new("BroadcastTo", typeof(BroadcastTo), x => x[0].BroadcastTo(2, 3, 4), () => [Normal(49, [3, 1])]);
        yield return new("SumTo leading axes", typeof(SumTo), x => new SumTo(x[0], [3, 4]).Apply(), () => [Normal(50, [2, 3, 4])]);
        yield return new("SumTo size-one axes", typeof(SumTo), x => new SumTo(x[0], [1, 3, 1]).Apply(), () => [Normal(51, [2, 3, 4])]);
        yield return new("SumTo scalar", typeof(SumTo), x => new SumTo(x[0], []).Apply(), () => [Normal(52, [2, 3])]);
    }

    public static TheoryData<Row> Table => [.. Rows()];

    [Theory, MemberData(nameof(Table))]
    public void PlainAndRecordedBackward_AgreeWithEachOtherAndWithFiniteDifferences(Row row)
    {
        var inputs = row.Inputs();
        Tensor output = row.F(inputs);
        Assert.IsType(row.Operation, output.GradFn);

        // A fixed weighting turns the output into a number whose gradient reaches every output element differently.
        double[] weights = [.. Enumerable.Range(0, output.Size).Select(k => Math.Cos(3 * k + 1))];
        Tensor Loss(Tensor[] x) => (row.F(x) * new Tensor(weights, [.. output.Shape])).Sum();

        var plain = Gradients(Loss, inputs, createGraph: false);
        var recorded = Gradients(Loss, inputs, createGraph: true);
        for (int i = 0; i < inputs.Length; i++) Approx.Equal(plain[i], recorded[i], 1e-10);

        var report = GradCheck.Run(Loss, inputs);
        Assert.True(report.Passed, report.ToString());
    }

    /// <summary>The table names every operation the library defines (and only library operations it really produces).</summary>
    [Fact]
    public void Table_CoversEveryOperation()
    {
        var defined = typeof(Operation).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Operation)) && !t.IsAbstract)
            .Select(t => t.Name).Order().ToList();
        var tested = Rows().Select(r => r.Operation.Name).Distinct().Order().ToList();
        Assert.Equal(defined, tested);
    }

    private static double[][] Gradients(Func<Tensor[], Tensor> loss, Tensor[] inputs, bool createGraph)
    {
        foreach (var x in inputs) x.ZeroGrad();
        loss(inputs).Backward(createGraph: createGraph);
        return [.. inputs.Select(x => x.Grad?.ToArray() ?? new double[x.Size])];
    }

    private static Tensor AwayFromZero(Tensor x) =>
        new(x.ToArray().Select(v => Math.Abs(v) < 0.1 ? v + 0.3 : v).ToArray(), [.. x.Shape], requiresGrad: true);
}
