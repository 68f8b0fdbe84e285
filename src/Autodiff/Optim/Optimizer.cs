namespace Autodiff.Optim;

/// <summary>
/// Changes parameters to make a loss smaller, using the gradients a backward pass left in them.
/// PyTorch: <c>torch.optim.Optimizer</c>.
/// </summary>
/// <remarks>
/// <para><see cref="Step"/> updates each parameter's values in place (the tensors keep their identity, so the
/// model and any picture of it see the new values) and records no graph. A parameter whose
/// <see cref="Tensor.Grad"/> is null, because no backward pass reached it, is skipped, as in PyTorch.</para>
/// <para>Not thread-safe: one training loop drives an optimizer.</para>
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public abstract class Optimizer
{
    private readonly Tensor[] _parameters;
    private readonly string _stepName;
    private double _learningRate;

    /// <summary>An optimizer of <paramref name="parameters"/> with step size <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentException">
    /// No parameters, a parameter listed twice, a parameter that is not a leaf requiring grad, or a learning rate
    /// that is not a positive finite number.
    /// </exception>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        Check.NotNull(parameters, nameof(parameters));
        _parameters = [.. parameters];
        Check.Argument(_parameters.Length > 0, nameof(parameters), "the optimizer got an empty list of parameters");
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _parameters.Length; i++)
        {
            Tensor p = _parameters[i] ?? throw new ArgumentNullException(nameof(parameters), $"parameter {i} is null");
            if (!p.IsLeaf)
                throw new ArgumentException(
                    $"parameter {i} ({p.Describe()}) was produced by {p.GradFn!.Name}: only leaf tensors can be optimized", nameof(parameters));
            Check.Argument(p.RequiresGrad, nameof(parameters),
                $"parameter {i} ({p.Describe()}) does not require grad, so no gradient will ever reach it: create it with requiresGrad: true");
            Check.Argument(seen.Add(p), nameof(parameters), $"parameter {i} ({p.Describe()}) is listed twice");
        }
        LearningRate = learningRate;
        _stepName = GetType().Name + ".Step";
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The step size η. May be changed between steps (a learning-rate schedule).</summary>
    /// <exception cref="ArgumentException">Set to a number that is not positive and finite.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value);
            _learningRate = value;
        }
    }

    /// <summary>Updates every parameter that has a gradient. PyTorch: <c>step()</c>.</summary>
    public void Step()
    {
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < _parameters.Length; i++)
            {
                ReadOnlySpan<double> gradient = _parameters[i].GradValues;
                if (gradient.IsEmpty) continue;
                InPlace.Record(_parameters[i], _stepName);
                Update(i, _parameters[i].Values, gradient);
            }
        }
    }

    /// <summary>Forgets the gradient of every parameter (see <see cref="Tensor.ZeroGrad"/>). PyTorch: <c>zero_grad()</c>.</summary>
    public void ZeroGrad()
    {
        foreach (Tensor parameter in _parameters) parameter.ZeroGrad();
    }

    /// <summary>Updates the values of parameter <paramref name="index"/> in place, given its gradient.</summary>
    private protected abstract void Update(int index, Span<double> parameter, ReadOnlySpan<double> gradient);

    /// <summary>A per-parameter buffer (momentum, moments), created zero on first use.</summary>
    private protected static double[] StateFor(double[]?[] states, int index, int size) => states[index] ??= new double[size];

    private static void CheckLearningRate(double value) =>
        Check.Argument(value > 0 && double.IsFinite(value), "learningRate", $"the learning rate must be a positive finite number, got {value}");
}
