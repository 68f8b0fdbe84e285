namespace Autodiff.Optim;

/// <summary>
/// Adam, with PyTorch's update (<c>torch.optim.Adam</c>, no weight decay, no AMSGrad): at step t, for each
/// parameter p with gradient g,
/// m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,
/// p ← p − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// </summary>
/// <remarks>
/// m and v are running averages of the gradient and of its square, started at 0; dividing by 1 − βᵗ corrects
/// that start (bias correction), so the very first step moves each element by about η, whatever the scale of
/// its gradient. Each parameter counts its own steps t, as in PyTorch: a step that skips it (no gradient) does
/// not count.
/// </remarks>
public sealed class Adam : Optimizer
{
    private readonly double[]?[] _m;
    private readonly double[]?[] _v;
    private readonly int[] _steps;

    /// <summary>Adam over <paramref name="parameters"/>, with PyTorch's defaults.</summary>
    /// <param name="parameters">The tensors to optimize.</param>
    /// <param name="learningRate">The step size η &gt; 0.</param>
    /// <param name="beta1">β₁ in [0, 1): decay of the gradient's average.</param>
    /// <param name="beta2">β₂ in [0, 1): decay of the squared gradient's average.</param>
    /// <param name="epsilon">ε ≥ 0, added to the denominator so it is never 0.</param>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8) : base(parameters, learningRate)
    {
        Check.Argument(beta1 is >= 0.0 and < 1.0, nameof(beta1), $"beta1 must be in [0, 1), got {beta1}");
        Check.Argument(beta2 is >= 0.0 and < 1.0, nameof(beta2), $"beta2 must be in [0, 1), got {beta2}");
        Check.Argument(epsilon >= 0.0 && double.IsFinite(epsilon), nameof(epsilon), $"epsilon must be a finite number ≥ 0, got {epsilon}");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        _m = new double[Parameters.Count][];
        _v = new double[Parameters.Count][];
        _steps = new int[Parameters.Count];
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    private protected override void Update(int index, Span<double> p, ReadOnlySpan<double> g)
    {
        double[] m = StateFor(_m, index, p.Length), v = StateFor(_v, index, p.Length);
        int t = ++_steps[index];
        double stepSize = LearningRate / (1.0 - Math.Pow(Beta1, t));
        double sqrtBiasCorrection2 = Math.Sqrt(1.0 - Math.Pow(Beta2, t));
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1.0 - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1.0 - Beta2) * g[i] * g[i];
            p[i] -= stepSize * m[i] / (Math.Sqrt(v[i]) / sqrtBiasCorrection2 + Epsilon);
        }
    }

    /// <summary>E.g. <c>Adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1E-08)</c>.</summary>
    public override string ToString() => $"Adam(learningRate: {LearningRate}, beta1: {Beta1}, beta2: {Beta2}, epsilon: {Epsilon})";
}
