namespace Autodiff.Training;

/// <summary>
/// A record of a training loop, one <see cref="TrainingStep"/> per call to <see cref="Record(double, IEnumerable{Tensor}?, double?)"/>,
/// in the shape charts consume: <see cref="Losses"/>, <see cref="Accuracies"/>, <see cref="Parameter(string)"/>.
/// </summary>
/// <example>
/// The loop stays the reader's own; the history only watches it:
/// <code>
/// var history = new TrainingHistory();
/// foreach (var example in data.Examples)
/// {
///     ...
///     loss.Backward();
///     optimizer.Step();
///     history.Record(loss, model.Parameters());
/// }
/// Charts.LossCurve(history.Losses);
/// history.Parameter("w1");   // w1 after every step
/// </code>
/// </example>
/// <remarks>
/// Parameters are recorded under their <see cref="Tensor.Name"/>; an unnamed one under "p{i}", i its position in
/// the list. Values are copied, so later steps do not change earlier records. Not thread-safe.
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed class TrainingHistory
{
    private readonly List<TrainingStep> _steps = [];

    /// <summary>The recorded steps, in order.</summary>
    public IReadOnlyList<TrainingStep> Steps => _steps;

    /// <summary>The number of recorded steps.</summary>
    public int Count => _steps.Count;

    /// <summary>The loss of every step.</summary>
    public IReadOnlyList<double> Losses => [.. _steps.Select(s => s.Loss)];

    /// <summary>The accuracy of every step; NaN where none was recorded (a chart leaves a gap there).</summary>
    public IReadOnlyList<double> Accuracies => [.. _steps.Select(s => s.Accuracy ?? double.NaN)];

    /// <summary>The names of the parameters recorded so far, in the order first seen.</summary>
    public IReadOnlyList<string> ParameterNames => [.. _steps.SelectMany(s => s.Parameters.Keys).Distinct()];

    /// <summary>Records a step with the value of the one-element tensor <paramref name="loss"/>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="loss"/> has more than one element.</exception>
    public TrainingStep Record(Tensor loss, IEnumerable<Tensor>? parameters = null, double? accuracy = null)
    {
        Check.NotNull(loss, nameof(loss));
        return Record(loss.Item(), parameters, accuracy);
    }

    /// <summary>Records a step: the loss, a copy of the parameters' values, and optionally an accuracy.</summary>
    /// <exception cref="ArgumentException">Two parameters have the same name.</exception>
    public TrainingStep Record(double loss, IEnumerable<Tensor>? parameters = null, double? accuracy = null)
    {
        var values = new Dictionary<string, IReadOnlyList<double>>();
        int i = 0;
        foreach (Tensor parameter in parameters ?? [])
        {
            Check.NotNull(parameter, nameof(parameters));
            string name = parameter.Name ?? $"p{i}";
            Check.Argument(values.TryAdd(name, parameter.ToArray()), nameof(parameters),
                $"two parameters are named '{name}': give them distinct names to tell them apart in the history");
            i++;
        }
        var step = new TrainingStep(_steps.Count, loss, values, accuracy);
        _steps.Add(step);
        return step;
    }

    /// <summary>The value of the one-element parameter <paramref name="name"/> after every step (NaN where it was not recorded).</summary>
    /// <exception cref="ArgumentException">No parameter of that name was recorded, or it has several elements.</exception>
    public IReadOnlyList<double> Parameter(string name)
    {
        int size = SizeOf(name);
        Check.Argument(size == 1, nameof(name),
            $"parameter '{name}' has {size} elements: use Parameter(name, element) to follow one of them");
        return Parameter(name, 0);
    }

    /// <summary>Element <paramref name="element"/> (row-major) of parameter <paramref name="name"/> after every step (NaN where it was not recorded).</summary>
    /// <exception cref="ArgumentException">No parameter of that name was recorded.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="element"/> is outside the parameter.</exception>
    public IReadOnlyList<double> Parameter(string name, int element)
    {
        int size = SizeOf(name);
        if (element < 0 || element >= size)
            throw new ArgumentOutOfRangeException(nameof(element), element, $"parameter '{name}' has {size} elements");
        return [.. _steps.Select(s => s.Parameters.TryGetValue(name, out var values) ? values[element] : double.NaN)];
    }

    private int SizeOf(string name)
    {
        Check.NotNull(name, nameof(name));
        foreach (var step in _steps)
            if (step.Parameters.TryGetValue(name, out var values)) return values.Count;
        throw new ArgumentException(
            $"no parameter named '{name}' was recorded; recorded: {string.Join(", ", ParameterNames.Select(n => $"'{n}'"))}", nameof(name));
    }

    /// <summary>E.g. <c>TrainingHistory(100 steps, last loss 0.0312)</c>.</summary>
    public override string ToString() =>
        Count == 0 ? "TrainingHistory(empty)" : $"TrainingHistory({Count} steps, last loss {Tensor.FormatNumber(_steps[^1].Loss)})";
}
