using Autodiff.Ops;

namespace Autodiff.Nn;

/// <summary>
/// The article's model: ŷ = σ(w1·x1 + w2·x2 + b), the probability that the point (x1, x2) has label 1.
/// A one-layer network with a sigmoid, written with three scalar parameters so that every number of the
/// article's computational graph is a node of ours.
/// </summary>
/// <example>
/// The article's training loop, one example at a time:
/// <code>
/// var model = new LogisticRegression(w1: -1, w2: 1, b: 2);
/// var optimizer = new GradientDescent(model.Parameters(), learningRate: 0.1);
/// foreach (var example in data.Examples)
/// {
///     model.ZeroGrad();
///     Tensor yPred = model.Forward(new Tensor(example.X1), new Tensor(example.X2));
///     Tensor loss = lossFn.Forward(yPred, example.Label);
///     loss.Backward();
///     optimizer.Step();
/// }
/// </code>
/// </example>
public sealed class LogisticRegression : Module
{
    /// <summary>A model starting from the given parameter values (the article starts from w1 = −1, w2 = 1, b = 2).</summary>
    public LogisticRegression(double w1, double w2, double b)
    {
        Check.Argument(double.IsFinite(w1), nameof(w1), $"w1 must be finite, got {w1}");
        Check.Argument(double.IsFinite(w2), nameof(w2), $"w2 must be finite, got {w2}");
        Check.Argument(double.IsFinite(b), nameof(b), $"b must be finite, got {b}");
        W1 = new Tensor(w1, requiresGrad: true) { Name = "w1" };
        W2 = new Tensor(w2, requiresGrad: true) { Name = "w2" };
        B = new Tensor(b, requiresGrad: true) { Name = "b" };
    }

    /// <summary>A model whose three parameters are drawn uniformly from [−1, 1), reproducibly from <paramref name="seed"/>.</summary>
    public LogisticRegression(int seed) : this(new Random(seed)) { }

    private LogisticRegression(Random random)
        : this(w1: Uniform(random), w2: Uniform(random), b: Uniform(random)) { }

    /// <summary>The weight of x1 (a 0-d parameter named "w1").</summary>
    public Tensor W1 { get; }

    /// <summary>The weight of x2 (a 0-d parameter named "w2").</summary>
    public Tensor W2 { get; }

    /// <summary>The bias (a 0-d parameter named "b").</summary>
    public Tensor B { get; }

    /// <summary>w1, w2, b, in that order.</summary>
    public override IReadOnlyList<Tensor> Parameters() => [W1, W2, B];

    /// <summary>ŷ = σ(w1·x1 + w2·x2 + b) for one example (0-d inputs) or element-wise for vectors of x1 and x2.</summary>
    /// <remarks>The weighted sum is named "z" and the probability "p", so pictures of the graph read like the math.</remarks>
    public Tensor Forward(Tensor x1, Tensor x2)
    {
        var z = W1 * x1 + W2 * x2 + B;
        z.Name = "z";
        var p = z.Sigmoid();
        p.Name = "p";
        return p;
    }

    /// <summary>
    /// p(class 1) at the point (<paramref name="x1"/>, <paramref name="x2"/>) as a plain number: the same
    /// <see cref="Forward(Tensor, Tensor)"/>, run without recording a graph, for charts that evaluate a grid.
    /// </summary>
    public double Probability(double x1, double x2)
    {
        using (Autograd.NoGrad()) return Forward(new Tensor(x1), new Tensor(x2)).Item();
    }

    /// <summary>
    /// The batched form: <paramref name="x"/> is n×2, one example per row; returns the n probabilities.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not a matrix with two columns.</exception>
    public override Tensor Forward(Tensor x)
    {
        Check.NotNull(x, nameof(x));
        Check.Argument(x.Rank == 2 && x.Shape[1] == 2, nameof(x),
            $"LogisticRegression takes an n×2 matrix (one row (x1, x2) per example), got shape {Shapes.Format(x.ShapeArray)}");
        Tensor x1 = Column.Of(x, 0), x2 = Column.Of(x, 1);
        return Forward(x1, x2);
    }

    /// <summary>The model as the article writes it, with the current values, e.g. <c>σ(-1·x1 + 1·x2 + 2)</c>.</summary>
    public override string ToString() =>
        $"σ({Tensor.FormatNumber(W1.Item())}·x1 + {Tensor.FormatNumber(W2.Item())}·x2 + {Tensor.FormatNumber(B.Item())})";

    private static double Uniform(Random random) => 2.0 * random.NextDouble() - 1.0;
}
