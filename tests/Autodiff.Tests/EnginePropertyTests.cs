using Autodiff;
using Autodiff.Losses;
using Autodiff.Ops;

namespace Autodiff.Tests;

/// <summary>
/// A property test of the whole engine: a few hundred seeded random programs, each two to four operations drawn from
/// every operation (and the composed ones: Mean, Softmax, LogSoftmax, the losses) on every broadcasting pattern,
/// reduced to a number by a random weighting. Each program's gradient must agree (a) with central differences for
/// the plain backward pass, and (b) between the plain pass and the one <c>Backward(createGraph: true)</c> records,
/// so that a wrong derivative in either implementation of an operation fails; and (c), for half of them, the recorded
/// gradient must itself differentiate like central differences (second derivatives).
/// </summary>
/// <remarks>
/// Inputs stay where every operation is smooth, by a margin: Log and non-integer powers see positive numbers,
/// denominators stay away from 0, Relu, Max and Hinge stay away from their kinks. The generator evaluates as it goes
/// and only picks an operation whose inputs it can see are in that domain.
/// </remarks>
public class EnginePropertyTests
{
    private const int Programs = 300;
    private const double Margin = 0.05;   // distance to a kink, far beyond the finite-difference step of 1e-6

    [Fact]
    public void PlainBackward_MatchesFiniteDifferences()
    {
        var failures = new List<string>();
        foreach (var program in AllPrograms())
        {
            var report = GradCheck.Run(program.Loss, program.Inputs);
            if (!report.Passed) failures.Add($"{program}\n{Truncate(report.ToString())}");
        }
        AssertNone(failures);
    }

    [Fact]
    public void CreateGraphBackward_MatchesPlainBackward()
    {
        var failures = new List<string>();
        foreach (var program in AllPrograms())
        {
            var plain = program.Gradients(createGraph: false);
            var recorded = program.Gradients(createGraph: true);
            for (int i = 0; i < plain.Length; i++)
            {
                string? difference = Difference(plain[i], recorded[i]);
                if (difference is not null) failures.Add($"{program}\n  input {i}: {difference}");
            }
        }
        AssertNone(failures);
    }

    /// <summary>
    /// (c) The gradient that <c>Backward(createGraph: true)</c> records is itself differentiated correctly: the derivative
    /// of v·∇L (a Hessian-vector product) matches central differences of v·∇L.
    /// </summary>
    [Fact]
    public void CreateGraphGradient_DifferentiatesLikeFiniteDifferences()
    {
        var failures = new List<string>();
        foreach (var program in AllPrograms().Where((_, i) => i % 2 == 0))
        {
            var directions = program.Inputs.Select(x => x.ToArray().Select((_, k) => Math.Cos(7 * k + x.Size)).ToArray()).ToArray();
            var report = GradCheck.Run(x =>
            {
                foreach (var input in x) input.ZeroGrad();
                program.Loss(x).Backward(createGraph: true);
                Tensor sum = new(0.0);
                for (int i = 0; i < x.Length; i++)
                    if (x[i].Grad is { } g) sum = sum + (g * new Tensor(directions[i], [.. x[i].Shape])).Sum();
                return sum;
            }, program.Inputs);
            if (!report.Passed) failures.Add($"{program}\n{Truncate(report.ToString())}");
        }
        AssertNone(failures);
    }

    /// <summary>The programs exercise every operation the library defines, and every broadcasting pattern.</summary>
    [Fact]
    public void Programs_CoverEveryOperationAndBroadcastPattern()
    {
        var used = new HashSet<Type>();
        var patterns = new HashSet<string>();
        foreach (var program in AllPrograms())
        {
            CollectOperations(program.Loss(program.Inputs), used);
            patterns.UnionWith(program.Patterns);
        }
        var all = typeof(Tensor).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Operation)) && !t.IsAbstract)
            .Select(t => t.Name).ToHashSet();
        Assert.Empty(all.Except(used.Select(t => t.Name)).Order());
        Assert.Empty(new[] { "same", "scalar", "row", "column", "size-one dims", "bigger", "scalar with matrix", "row with column" }
            .Except(patterns).Order());
        foreach (string composed in new[] { "Mean", "Softmax", "LogSoftmax", "MeanSquaredError", "BinaryCrossEntropy",
                     "BinaryCrossEntropyWithLogits", "CrossEntropy", "Hinge" })
            Assert.Contains(composed, patterns);
    }

    private static IEnumerable<RandomProgram> AllPrograms() => Enumerable.Range(0, Programs).Select(RandomProgram.Generate);

    private static string? Difference(double[]? expected, double[]? actual)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"one path left no gradient: plain {Format(expected)}, createGraph {Format(actual)}";
        if (expected.Length != actual.Length) return $"lengths differ: {expected.Length} and {actual.Length}";
        for (int k = 0; k < expected.Length; k++)
            if (!(Math.Abs(expected[k] - actual[k]) <= 1e-9 * Math.Max(1.0, Math.Abs(expected[k]))))
                return $"element {k}: plain {expected[k]:R}, createGraph {actual[k]:R}";
        return null;
    }

    private static string Format(double[]? values) => values is null ? "null" : $"[{string.Join(", ", values)}]";

    private static string Truncate(string text) => text.Length <= 1500 ? text : text[..1500] + " …";

    private static void AssertNone(List<string> failures)
    {
        if (failures.Count > 0)
            Assert.Fail($"{failures.Count} programs failed; the first ones:\n\n{string.Join("\n\n", failures.Take(5))}");
    }

    private static void CollectOperations(Tensor output, HashSet<Type> used)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Tensor>([output]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node) || node.GradFn is not { } op) continue;
            used.Add(op.GetType());
            foreach (var parent in op.Parents) stack.Push(parent);
        }
    }

    /// <summary>One generated program: its inputs, its steps, and the weighting that makes its result one number.</summary>
    private sealed class RandomProgram
    {
        private delegate Tensor Step(Tensor current, Tensor[] inputs);

        private readonly List<(string Name, Step Apply)> _steps = [];
        private readonly List<Tensor> _inputs = [];
        private readonly Random _random;
        private readonly int _seed;
        private Tensor _weights = null!;

        private RandomProgram(int seed)
        {
            _seed = seed;
            _random = new Random(seed);
        }

        public Tensor[] Inputs => [.. _inputs];

        /// <summary>The broadcasting patterns and composed operations the program used.</summary>
        public HashSet<string> Patterns { get; } = [];

        /// <summary>Σ weights ⊙ program(inputs).</summary>
        public Tensor Loss(Tensor[] inputs)
        {
            Tensor current = inputs[0];
            foreach (var (_, apply) in _steps) current = apply(current, inputs);
            return (current * _weights).Sum();
        }

        /// <summary>The gradient of every input, from one backward pass on fresh copies of the inputs.</summary>
        public double[]?[] Gradients(bool createGraph)
        {
            var copies = _inputs.Select(x => new Tensor(x.ToArray(), [.. x.Shape], x.RequiresGrad)).ToArray();
            Loss(copies).Backward(createGraph: createGraph);
            return copies.Select(x => x.Grad?.ToArray()).ToArray();
        }

        public override string ToString() =>
            $"program {_seed}: x{Shape(_inputs[0])} → {string.Join(" → ", _steps.Select(s => s.Name))} → Σ w⊙·";

        public static RandomProgram Generate(int seed)
        {
            var program = new RandomProgram(seed);
            program.Build();
            return program;
        }

        private void Build()
        {
            Tensor current = _inputs.Count == 0 ? NewInput(Pick(StartShapes), -1.5, 1.5).Tensor : _inputs[0];
            int length = _random.Next(2, 5);
            for (int attempts = 0; _steps.Count < length && attempts < 200; attempts++)
            {
                int inputsBefore = _inputs.Count;
                var patternsBefore = Patterns.ToHashSet();
                var step = TryStep(current);
                Tensor? next = null;
                if (step is { } s) next = s.Apply(current, [.. _inputs]);
                if (next is null || !Tame(next))
                {
                    // Undo what the rejected step added.
                    _inputs.RemoveRange(inputsBefore, _inputs.Count - inputsBefore);
                    Patterns.Clear();
                    Patterns.UnionWith(patternsBefore);
                    continue;
                }
                _steps.Add(step!.Value);
                current = next;
            }
            _weights = new Tensor(Values(current.Size, -1.0, 1.0), [.. current.Shape]);
        }

        private static readonly int[][] StartShapes = [[], [3], [2, 3], [3, 1], [1, 3], [2, 1, 3], [4, 2]];

        /// <summary>Finite, not huge: the next operation's finite differences stay accurate.</summary>
        private static bool Tame(Tensor t) => t.ToArray().All(v => double.IsFinite(v) && Math.Abs(v) < 50);

        private (string Name, Step Apply)? TryStep(Tensor x)
        {
            double[] v = x.ToArray();
            int rank = x.Rank;
            double min = v.Min(), max = v.Max(), minAbs = v.Min(Math.Abs), maxAbs = v.Max(Math.Abs);
            switch (_random.Next(24))
            {
                case 0: return ("Neg", (c, _) => -c);
                case 1: return maxAbs < 3 ? ("Exp", (c, _) => c.Exp()) : null;
                case 2: return min > 0.2 ? ("Log", (c, _) => c.Log()) : ("Log(x² + 0.5)", (c, _) => (c * c + 0.5).Log());
                case 3: return ("Sigmoid", (c, _) => c.Sigmoid());
                case 4: return ("Tanh", (c, _) => c.Tanh());
                case 5: return minAbs > Margin ? ("Relu", (c, _) => c.Relu()) : null;
                case 6:
                    {
                        double p = Pick([2.0, 3.0, -1.0, 0.5, 1.7, -1.5, 0.0]);
                        bool integer = p == Math.Floor(p);
                        if (!(p >= 0 && integer) && !(p < 0 && integer && minAbs > 0.3) && !(min > 0.2)) return null;
                        return ($"Pow({p})", (c, _) => c.Pow(p));
                    }
                case 7:
                case 8:
                case 9:
                case 10:
                case 11:
                    return Binary(x, (BinaryKind)(_random.Next(5)), min, max, minAbs, maxAbs);
                case 12: return rank == 0 ? null : ReductionStep(x, "Sum", (c, axis, keep) => axis is int a ? c.Sum(a, keep) : c.Sum());
                case 13: return rank == 0 ? null : ReductionStep(x, "Mean", (c, axis, keep) => axis is int a ? c.Mean(a, keep) : c.Mean());
                case 14: return rank == 0 ? null : MaxStep(x);
                case 15:
                    {
                        if (rank == 0) return null;
                        int axis = _random.Next(rank);
                        bool keep = _random.Next(2) == 0;
                        return ($"LogSumExp(axis {axis}{(keep ? ", keepDim" : "")})", (c, _) => c.LogSumExp(axis, keep));
                    }
                case 16:
                    {
                        if (rank == 0) return null;
                        int axis = _random.Next(rank);
                        bool log = _random.Next(2) == 0;
                        Patterns.Add(log ? "LogSoftmax" : "Softmax");
                        return log ? ($"LogSoftmax(axis {axis})", (c, _) => c.LogSoftmax(axis)) : ($"Softmax(axis {axis})", (c, _) => c.Softmax(axis));
                    }
                case 17: return ReshapeStep(x);
                case 18: return rank == 2 ? ("Transpose", (c, _) => c.Transpose()) : null;
                case 19: return rank >= 2 && x.Shape[0] == 2 ? SumToStep(x) : BroadcastStep(x);
                case 20: case 21: return MatMulStep(x);
                case 22: case 23: return LossStep(x, min, max, v);
                default: return null;
            }
        }

        private enum BinaryKind { Add, Sub, Mul, Div, Pow }

        private (string, Step)? Binary(Tensor x, BinaryKind kind, double min, double max, double minAbs, double maxAbs)
        {
            var (pattern, shape) = OperandShape(x);
            bool currentFirst = _random.Next(2) == 0;
            // The operand's values, chosen for the operation's domain.
            (double low, double high) = kind switch
            {
                BinaryKind.Div when currentFirst => (0.5, 2.0),             // the operand is the denominator
                BinaryKind.Pow when currentFirst => (-1.5, 2.0),            // the operand is the exponent
                BinaryKind.Pow => (0.5, 2.0),                               // the operand is the base
                _ => (-1.5, 1.5),
            };
            if (kind == BinaryKind.Div && !currentFirst && minAbs < 0.3) return null;
            if (kind == BinaryKind.Pow && currentFirst && !(min > 0.2 && max < 5)) return null;
            if (kind == BinaryKind.Pow && !currentFirst && maxAbs > 3) return null;
            var (index, _) = NewInput(shape, low, high);
            Patterns.Add(pattern);
            if (x.Rank == 0 && shape.Length == 2 || x.Rank == 2 && shape.Length == 0) Patterns.Add("scalar with matrix");
            if (x.Rank == 2 && shape.Length == 2 && (x.Shape[1] == 1 && shape[0] == 1 || x.Shape[0] == 1 && shape[1] == 1))
                Patterns.Add("row with column");
            Func<Tensor, Tensor, Tensor> op = kind switch
            {
                BinaryKind.Add => (a, b) => a + b,
                BinaryKind.Sub => (a, b) => a - b,
                BinaryKind.Mul => (a, b) => a * b,
                BinaryKind.Div => (a, b) => a / b,
                _ => (a, b) => a.Pow(b),
            };
            string name = $"{kind}({(currentFirst ? "x, " : "")}{pattern} {Shape(shape)}{(currentFirst ? "" : ", x")})";
            return currentFirst ? (name, (c, inputs) => op(c, inputs[index])) : (name, (c, inputs) => op(inputs[index], c));
        }

        /// <summary>A shape to combine with x's, from every broadcasting pattern.</summary>
        private (string Pattern, int[] Shape) OperandShape(Tensor x)
        {
            int[] s = [.. x.Shape];
            var choices = new List<(string, int[])> { ("same", s), ("scalar", []) };
            if (s.Length >= 1)
            {
                choices.Add(("row", [s[^1]]));
                choices.Add(("column", [.. s[..^1], 1]));
                var ones = s.Select(d => _random.Next(2) == 0 ? 1 : d).ToArray();
                choices.Add(("size-one dims", ones));
                if (s.Length == 2 && s[0] == 1) choices.Add(("row with column", [3, 1]));
                if (s.Length == 2 && s[1] == 1) choices.Add(("row with column", [1, 3]));
            }
            if (s.Length <= 2) choices.Add(("bigger", [2, .. s]));
            if (s.Contains(1)) choices.Add(("bigger", s.Select(d => d == 1 ? 3 : d).ToArray()));
            if (s.Length == 0) choices.Add(("scalar with matrix", [2, 3]));
            return Pick([.. choices]);
        }

        private (string, Step)? ReductionStep(Tensor x, string name, Func<Tensor, int?, bool, Tensor> reduce)
        {
            if (name == "Mean") Patterns.Add("Mean");
            if (_random.Next(3) == 0) return ($"{name}()", (c, _) => reduce(c, null, false));
            int axis = _random.Next(-x.Rank, x.Rank);
            bool keep = _random.Next(2) == 0;
            return ($"{name}(axis {axis}{(keep ? ", keepDim" : "")})", (c, _) => reduce(c, axis, keep));
        }

        private (string, Step)? MaxStep(Tensor x)
        {
            int axis = _random.Next(x.Rank);
            var view = AxisView.Of([.. x.Shape], axis);
            double[] v = x.ToArray();
            // Away from ties: the winner leads the runner-up by the margin along every line.
            for (int o = 0; o < view.Outer; o++)
                for (int i = 0; i < view.Inner; i++)
                {
                    var line = Enumerable.Range(0, view.Length).Select(k => v[view.Index(o, k, i)]).OrderDescending().ToArray();
                    if (line.Length > 1 && line[0] - line[1] < Margin) return null;
                }
            bool keep = _random.Next(2) == 0;
            return ($"Max(axis {axis}{(keep ? ", keepDim" : "")})", (c, _) => c.Max(axis, keep));
        }

        private (string, Step)? ReshapeStep(Tensor x)
        {
            int[] target = _random.Next(3) switch
            {
                0 => [-1],
                1 => [.. x.Shape.Reverse()],
                _ => [1, .. x.Shape],
            };
            return ($"Reshape{Shape(target)}", (c, _) => c.Reshape(target));
        }

        /// <summary>The reverse of a broadcast: the leading axis summed away, the next one kept with size 1.</summary>
        private (string, Step)? SumToStep(Tensor x)
        {
            int[] target = [1, .. x.Shape.Skip(2)];
            return ($"SumTo{Shape(target)}", (c, _) => new SumTo(c, target).Apply());
        }

        private (string, Step)? BroadcastStep(Tensor x)
        {
            int[] s = [.. x.Shape];
            int[] target = s.Contains(1) && _random.Next(2) == 0 ? s.Select(d => d == 1 ? 2 : d).ToArray() : [2, .. s];
            if (target.Length > 3) return null;
            return ($"BroadcastTo{Shape(target)}", (c, _) => c.BroadcastTo(target));
        }

        private (string, Step)? MatMulStep(Tensor x)
        {
            int k = _random.Next(1, 4);
            bool currentFirst = _random.Next(2) == 0;
            int[] other = (x.Rank, currentFirst) switch
            {
                (2, true) => [x.Shape[1], k],
                (2, false) => [k, x.Shape[0]],
                (1, _) => _random.Next(2) == 0 ? [x.Shape[0]] : currentFirst ? [x.Shape[0], k] : [k, x.Shape[0]],
                _ => [],
            };
            if (other.Length == 0) return null;
            var (index, _) = NewInput(other, -1.5, 1.5);
            string name = currentFirst ? $"MatMul(x, {Shape(other)})" : $"MatMul({Shape(other)}, x)";
            return currentFirst ? (name, (c, inputs) => c.MatMul(inputs[index])) : (name, (c, inputs) => inputs[index].MatMul(c));
        }

        private (string, Step)? LossStep(Tensor x, double min, double max, double[] v)
        {
            var reduction = Pick([Autodiff.Losses.Reduction.Mean, Autodiff.Losses.Reduction.Sum, Autodiff.Losses.Reduction.None]);
            int[] shape = [.. x.Shape];
            switch (_random.Next(5))
            {
                case 0:
                    {
                        var (y, _) = NewInput(shape, -1.5, 1.5);
                        Patterns.Add("MeanSquaredError");
                        return ($"MeanSquaredError({reduction})", (c, inputs) => new MeanSquaredError(reduction).Forward(c, inputs[y]));
                    }
                case 1:
                    {
                        if (!(min > Margin && max < 1 - Margin)) return null;
                        var (y, _) = NewInput(shape, 0.1, 0.9);
                        Patterns.Add("BinaryCrossEntropy");
                        return ($"BinaryCrossEntropy({reduction})", (c, inputs) => new BinaryCrossEntropy(reduction).Forward(c, inputs[y]));
                    }
                case 2:
                    {
                        var (y, _) = NewInput(shape, 0.1, 0.9);
                        Patterns.Add("BinaryCrossEntropyWithLogits");
                        return ($"BinaryCrossEntropyWithLogits({reduction})", (c, inputs) => new BinaryCrossEntropyWithLogits(reduction).Forward(c, inputs[y]));
                    }
                case 3:
                    {
                        if (x.Rank is not (1 or 2)) return null;
                        int classes = shape[^1];
                        int[] labels = Enumerable.Range(0, x.Rank == 2 ? shape[0] : 1).Select(_ => _random.Next(classes)).ToArray();
                        Patterns.Add("CrossEntropy");
                        if (x.Rank == 1)
                            return ($"CrossEntropy({reduction}, class {labels[0]})", (c, _) => new CrossEntropy(reduction).Forward(c, new Tensor((double)labels[0])));
                        return ($"CrossEntropy({reduction}, classes [{string.Join(", ", labels)}])", (c, _) => new CrossEntropy(reduction).Forward(c, labels));
                    }
                default:
                    {
                        double[] signs = v.Select(_ => _random.Next(2) == 0 ? -1.0 : 1.0).ToArray();
                        if (v.Select((s, i) => Math.Abs(1 - signs[i] * s)).Min() < Margin) return null;   // away from the hinge
                        var target = new Tensor(signs, shape);
                        Patterns.Add("Hinge");
                        return ($"Hinge({reduction})", (c, _) => new Hinge(reduction).Forward(c, target));
                    }
            }
        }

        private (int Index, Tensor Tensor) NewInput(int[] shape, double low, double high)
        {
            var tensor = new Tensor(Values(Math.Max(1, shape.Aggregate(1, (a, b) => a * b)), low, high), shape,
                requiresGrad: _inputs.Count == 0 || _random.Next(4) != 0);   // now and then a constant operand
            _inputs.Add(tensor);
            return (_inputs.Count - 1, tensor);
        }

        private double[] Values(int count, double low, double high) =>
            Enumerable.Range(0, count).Select(_ => low + (high - low) * _random.NextDouble()).ToArray();

        private T Pick<T>(T[] choices) => choices[_random.Next(choices.Length)];

        private static string Shape(Tensor t) => Shape([.. t.Shape]);

        private static string Shape(int[] shape) => shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
    }
}
