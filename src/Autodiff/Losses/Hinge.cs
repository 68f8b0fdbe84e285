namespace Autodiff.Losses;

/// <summary>
/// The max-margin (hinge) loss of micrograd's demo: ℓ = max(0, 1 − y·s) for a score s and a label y ∈ {−1, +1}.
/// PyTorch has no exact twin (<c>nn.HingeEmbeddingLoss</c> differs; <c>nn.MultiMarginLoss</c> is the multi-class form).
/// </summary>
/// <remarks>
/// A prediction on the right side of the boundary with margin at least 1 (y·s ≥ 1) costs nothing; any other
/// costs linearly. A composition, max(0, ·) being Relu: ∂ℓ/∂s = −y where 1 − y·s &gt; 0, else 0.
/// </remarks>
public sealed class Hinge(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Formula => "ℓ = max(0, 1 − y·s)";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ, or a target is not −1 or +1.</exception>
    protected override Tensor ElementLosses(Tensor prediction, Tensor target)
    {
        CheckSameShape(prediction, target, nameof(Hinge));
        CheckValues(target, y => y is -1.0 or 1.0, nameof(target), nameof(Hinge),
            "targets must be −1 or +1 (from labels 0/1: 2·label − 1)");
        return (1.0 - target * prediction).Relu();
    }
}
