namespace Autodiff.Losses;

/// <summary>
/// Binary cross-entropy of a score (a logit) z, the input of the sigmoid: the same loss as
/// <see cref="BinaryCrossEntropy"/> of σ(z), computed stably as ℓ = max(z, 0) − z·y + ln(1 + e^−|z|).
/// PyTorch: <c>nn.BCEWithLogitsLoss</c>.
/// </summary>
/// <remarks>
/// Its gradient is simply σ(z) − y: finite for any finite z, with no clamping needed, so prefer it to a sigmoid
/// followed by <see cref="BinaryCrossEntropy"/> when the model's score is at hand.
/// </remarks>
public sealed class BinaryCrossEntropyWithLogits(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Formula => "ℓ = max(z, 0) − z·y + ln(1 + e^−|z|)";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ, or a target is outside [0, 1].</exception>
    protected override Tensor ElementLosses(Tensor prediction, Tensor target)
    {
        CheckSameShape(prediction, target, nameof(BinaryCrossEntropyWithLogits));
        CheckValues(target, y => y is >= 0.0 and <= 1.0, nameof(target), nameof(BinaryCrossEntropyWithLogits),
            "targets must be labels 0 or 1 (or probabilities between)");
        return new BinaryCrossEntropyWithLogitsTerm(prediction, target).Apply();
    }
}
