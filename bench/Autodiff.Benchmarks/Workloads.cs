using Autodiff.Losses;
using Autodiff.Nn;
using Autodiff.Optim;

namespace Autodiff.Benchmarks;

/// <summary>Helpers shared by the workloads.</summary>
public static class Workloads
{
    /// <summary>The names the <c>loop</c> and <c>first</c> modes accept.</summary>
    public static readonly string[] Names =
        ["scalar-mlp", "learner-mlp", "learner-mlp-loops", "learner-mlp-in-place", "chain-1e5", "chain-1e6", "logistic", "mlp", "matmul"];

    /// <summary>One operation of the named workload, set up and ready to run repeatedly; null for an unknown name.</summary>
    public static Func<double>? Named(string name)
    {
        switch (name)
        {
            case "scalar-mlp": { var step = new ScalarMlpStep(); return () => step.Step(0.1); }
            case "learner-mlp": { var step = new LearnerMlpStep(); return () => step.Step(0.1); }
            case "learner-mlp-loops": { var step = new LearnerMlpStep(linq: false); return () => step.Step(0.1); }
            case "learner-mlp-in-place": { var step = new LearnerMlpStep(freshLeaves: false); return () => step.Step(0.1); }
            case "chain-1e5": return () => DeepChain(100_000);
            case "chain-1e6": return () => DeepChain(1_000_000);
            case "logistic": { var step = new LogisticRegressionStep(); return step.Step; }
            case "mlp": { var step = new BatchedMlpStep(); return step.Step; }
            case "matmul": { var matmul = new MatMulBenchmark(); matmul.Setup(); return () => matmul.ForwardBackward().Values[0]; }
            default: return null;
        }
    }

    /// <summary>x → x·1.0001 + 0, <paramref name="links"/> times, then backward: the depth the article's recursion cannot reach.</summary>
    public static double DeepChain(int links)
    {
        var x = new Tensor(1.0, requiresGrad: true);
        Tensor y = x;
        for (int i = 0; i < links; i++) y = y * 1.0001 + 0.0;
        y.Backward();
        return x.GradValues[0];
    }

    /// <summary>Counts the data nodes (tensors) of the graph behind <paramref name="output"/>, as micrograd counts Values.</summary>
    public static long CountNodes(Tensor output)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { output };
        var stack = new Stack<Tensor>([output]);
        while (stack.Count > 0)
        {
            var op = stack.Pop().GradFn;
            if (op is null) continue;
            foreach (var parent in op.Parents)
                if (seen.Add(parent)) stack.Push(parent);
        }
        return seen.Count;
    }

    /// <summary>The two-moons points as a 100×2 matrix and labels in {0, 1} (for BCE) or {−1, 1}.</summary>
    public static (Tensor X, Tensor Y) Moons(bool zeroOne)
    {
        var (x, y) = TwoMoons.Make(100);
        if (zeroOne) y = y.Select(v => v > 0 ? 1.0 : 0.0).ToArray();
        return (new Tensor(x), new Tensor(y));
    }
}

/// <summary>One full-batch training step: loss, zero grad, backward, update, as a learner writes it.</summary>
public abstract class BatchedTrainingStep
{
    /// <summary>The loss on the whole batch, with its graph.</summary>
    public abstract Tensor Loss();

    /// <summary>The optimizer that updates the model's parameters.</summary>
    protected abstract Optimizer Optimizer { get; }

    /// <summary>Forward, backward and update; returns the loss.</summary>
    public double Step()
    {
        Tensor loss = Loss();
        Optimizer.ZeroGrad();
        loss.Backward();
        Optimizer.Step();
        return loss.Item();
    }
}

/// <summary>
/// Logistic regression on 100×2 points, as the course's toolkit writes it: <c>Nn.LogisticRegression</c>
/// (p = σ(w1·x1 + w2·x2 + b)), <c>Losses.BinaryCrossEntropy</c>, <c>Optim.Sgd</c>.
/// </summary>
public sealed class LogisticRegressionStep : BatchedTrainingStep
{
    private readonly Tensor _x, _y;
    private readonly LogisticRegression _model = new(seed: 1);
    private readonly BinaryCrossEntropy _loss = new();
    private readonly Sgd _optimizer;

    /// <inheritdoc/>
    protected override Optimizer Optimizer => _optimizer;

    public LogisticRegressionStep()
    {
        (_x, _y) = Workloads.Moons(zeroOne: true);
        _optimizer = new Sgd(_model.Parameters(), learningRate: 0.1);
    }

    /// <inheritdoc/>
    public override Tensor Loss() => _loss.Forward(_model.Forward(_x), _y);
}

/// <summary>
/// A 2→16→16→1 tanh network on 100×2 points, as the toolkit writes it: <c>Nn.Mlp</c>, mean squared error against
/// labels ±1, <c>Optim.Sgd</c>.
/// </summary>
public sealed class BatchedMlpStep : BatchedTrainingStep
{
    private readonly Tensor _x, _y;
    private readonly Mlp _model = new([2, 16, 16, 1], Activation.Tanh, seed: 1);
    private readonly MeanSquaredError _loss = new();
    private readonly Sgd _optimizer;

    /// <inheritdoc/>
    protected override Optimizer Optimizer => _optimizer;

    public BatchedMlpStep()
    {
        (_x, var y) = Workloads.Moons(zeroOne: false);
        _y = y.Reshape(100, 1).Detach();
        _optimizer = new Sgd(_model.Parameters(), learningRate: 0.05);
    }

    /// <inheritdoc/>
    public override Tensor Loss() => _loss.Forward(_model.Forward(_x), _y);
}
