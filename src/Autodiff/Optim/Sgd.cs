namespace Autodiff.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, with PyTorch's update (<c>torch.optim.SGD</c>, no dampening):
/// for each parameter p with gradient g,
/// buf ← g on the first step, buf ← μ·buf + g afterwards; then p ← p − η·buf,
/// or with Nesterov momentum p ← p − η·(g + μ·buf).
/// </summary>
/// <remarks>
/// The momentum buffer is a running, decaying sum of past gradients: steps keep going in a direction the
/// gradients agree on, and oscillations across a valley cancel. With momentum 0 this is <see cref="GradientDescent"/>.
/// </remarks>
public sealed class Sgd : Optimizer
{
    private readonly double[]?[] _buffers;

    /// <summary>SGD over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="learningRate">The step size η &gt; 0.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <param name="nesterov">Use Nesterov momentum (needs μ &gt; 0).</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0.0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        Check.Argument(momentum is >= 0.0 and < 1.0, nameof(momentum), $"momentum must be in [0, 1), got {momentum}");
        Check.Argument(!nesterov || momentum > 0, nameof(nesterov), "Nesterov momentum needs a momentum greater than 0");
        Momentum = momentum;
        Nesterov = nesterov;
        _buffers = new double[Parameters.Count][];
    }

    /// <summary>μ, the fraction of the previous step's direction kept in the next.</summary>
    public double Momentum { get; }

    /// <summary>Whether the step looks ahead along the momentum (Nesterov's variant).</summary>
    public bool Nesterov { get; }

    private protected override void Update(int index, Span<double> p, ReadOnlySpan<double> g)
    {
        double eta = LearningRate, mu = Momentum;
        if (mu == 0)
        {
            for (int i = 0; i < p.Length; i++) p[i] -= eta * g[i];
            return;
        }
        bool first = _buffers[index] is null;
        double[] buf = StateFor(_buffers, index, p.Length);
        for (int i = 0; i < p.Length; i++)
        {
            buf[i] = first ? g[i] : mu * buf[i] + g[i];
            double direction = Nesterov ? g[i] + mu * buf[i] : buf[i];
            p[i] -= eta * direction;
        }
    }

    /// <summary>E.g. <c>Sgd(learningRate: 0.1, momentum: 0.9, nesterov: False)</c>.</summary>
    public override string ToString() => $"Sgd(learningRate: {LearningRate}, momentum: {Momentum}, nesterov: {Nesterov})";
}
