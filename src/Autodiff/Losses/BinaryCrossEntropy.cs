namespace Autodiff.Losses;

/// <summary>
/// Binary cross-entropy of probabilities: ℓ = −[y·ln p + (1 − y)·ln(1 − p)], the negative log-likelihood of a
/// label y ∈ {0, 1} under a model that says "1 with probability p". The article's loss. PyTorch: <c>nn.BCELoss</c>.
/// </summary>
/// <remarks>
/// As in PyTorch, each logarithm is clamped at −100, so p = 0 or p = 1 gives a finite loss (at most 100) and a
/// finite gradient. When the model ends in a sigmoid, <see cref="BinaryCrossEntropyWithLogits"/> on the
/// scores before the sigmoid is more accurate still.
/// </remarks>
public sealed class BinaryCrossEntropy(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Formula => "ℓ = −[y·ln p + (1 − y)·ln(1 − p)]";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The shapes differ, a prediction is not a probability in [0, 1], or a target is outside [0, 1] (labels are 0
    /// or 1; values between are soft labels).
    /// </exception>
    protected override Tensor ElementLosses(Tensor prediction, Tensor target)
    {
        CheckSameShape(prediction, target, nameof(BinaryCrossEntropy));
        CheckValues(prediction, p => p is >= 0.0 and <= 1.0, nameof(prediction), nameof(BinaryCrossEntropy),
            "predictions must be probabilities in [0, 1] (for raw scores use BinaryCrossEntropyWithLogits)");
        CheckValues(target, y => y is >= 0.0 and <= 1.0, nameof(target), nameof(BinaryCrossEntropy),
            "targets must be labels 0 or 1 (or probabilities between)");
        return new BinaryCrossEntropyTerm(prediction, target).Apply();
    }
}
