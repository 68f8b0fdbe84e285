namespace Autodiff.Losses;

/// <summary>
/// Squared error: ℓ = (p − y)², averaged by default. PyTorch: <c>nn.MSELoss</c>.
/// </summary>
/// <remarks>
/// Minimising it is maximum likelihood when y = p + noise with Gaussian noise of fixed variance: the negative
/// log-likelihood is then (p − y)² / 2σ² plus a constant. A composition, so its derivative
/// ∂ℓ/∂p = 2·(p − y) comes from Sub and Pow.
/// </remarks>
public sealed class MeanSquaredError(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Formula => "ℓ = (p − y)²";

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    protected override Tensor ElementLosses(Tensor prediction, Tensor target)
    {
        CheckSameShape(prediction, target, nameof(MeanSquaredError));
        return (prediction - target).Pow(2);
    }
}
