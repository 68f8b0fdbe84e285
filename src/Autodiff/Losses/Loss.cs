namespace Autodiff.Losses;

/// <summary>
/// A loss function ℒ(prediction, target): how bad a prediction is, the number training makes smaller.
/// Each loss computes one value per element (per example), then combines them as <see cref="Reduction"/> says.
/// </summary>
/// <remarks>Losses hold no state besides their reduction: one instance may be used for any number of calls, from any thread.</remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public abstract class Loss
{
    /// <summary>A loss that combines the element losses as <paramref name="reduction"/> says.</summary>
    /// <exception cref="ArgumentException"><paramref name="reduction"/> is not one of the defined values.</exception>
    protected Loss(Reduction reduction)
    {
        Check.Argument(Enum.IsDefined(reduction), nameof(reduction), $"unknown reduction {reduction}");
        Reduction = reduction;
    }

    /// <summary>How the element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>The loss of <paramref name="prediction"/> against <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not match, or a value is outside what the loss accepts (each loss says which).</exception>
    public Tensor Forward(Tensor prediction, Tensor target)
    {
        Check.NotNull(prediction, nameof(prediction));
        Check.NotNull(target, nameof(target));
        Tensor elementLosses = ElementLosses(prediction, target);
        // One example (a 0-d loss) is its own mean and sum: no extra nodes in the picture of its graph.
        if (elementLosses.Rank == 0) return elementLosses;
        return Reduction switch
        {
            Reduction.Mean => elementLosses.Mean(),
            Reduction.Sum => elementLosses.Sum(),
            _ => elementLosses,
        };
    }

    /// <summary>The loss of one prediction against a target number, e.g. a label in the article's one-example-at-a-time loop.</summary>
    /// <remarks>The target becomes a constant named "y" in pictures of the graph.</remarks>
    public Tensor Forward(Tensor prediction, double target) => Forward(prediction, new Tensor(target) { Name = "y" });

    /// <summary>The unreduced losses, after checking the arguments.</summary>
    protected abstract Tensor ElementLosses(Tensor prediction, Tensor target);

    /// <summary>The loss of one element, for pictures and docs, e.g. <c>ℓ = (p − y)²</c>.</summary>
    public abstract string Formula { get; }

    /// <summary>The name, the formula and the reduction.</summary>
    public override string ToString() => $"{GetType().Name}({Reduction}): {Formula}";

    /// <summary>Checks that prediction and target have the same shape, naming both.</summary>
    private protected static void CheckSameShape(Tensor prediction, Tensor target, string loss)
    {
        Check.Argument(Shapes.Equal(prediction.ShapeArray, target.ShapeArray), nameof(target),
            $"{loss}: the target has shape {Shapes.Format(target.ShapeArray)} but the prediction has shape {Shapes.Format(prediction.ShapeArray)}; they must be equal");
    }

    /// <summary>Checks every value of <paramref name="tensor"/>, naming the first offender.</summary>
    private protected static void CheckValues(Tensor tensor, Func<double, bool> valid, string paramName, string loss, string expectation)
    {
        ReadOnlySpan<double> values = tensor.Values;
        for (int i = 0; i < values.Length; i++)
            if (!valid(values[i]))
                throw new ArgumentException(
                    $"{loss}: {paramName} element {i} is {Tensor.FormatNumber(values[i])}, but {expectation}", paramName);
    }
}
