namespace Autodiff.Losses;

/// <summary>
/// Cross-entropy of class scores (logits) against class indices: ℓ = −log softmax(z)ᵧ = LogSumExp(z) − zᵧ,
/// the negative log-likelihood of the true class. PyTorch: <c>nn.CrossEntropyLoss</c> with class indices.
/// </summary>
/// <remarks>
/// The prediction is n×C (one row of C scores per example) with a target of n class indices, or C scores with a
/// 0-d target. The core has no gather operation, so the true class's log-probability is picked out by
/// multiplying with a one-hot constant and summing over the classes; the gradient then is
/// ∂ℓ/∂zₖ = softmax(z)ₖ − [k = y]. With <see cref="Reduction.None"/> the result has one loss per example.
/// </remarks>
public sealed class CrossEntropy(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc/>
    public override string Formula => "ℓ = −ln softmax(z)ᵧ";

    /// <summary>The loss of logits against class indices given as integers.</summary>
    public Tensor Forward(Tensor prediction, int[] classes)
    {
        Check.NotNull(classes, nameof(classes));
        return Forward(prediction, new Tensor([.. classes.Select(c => (double)c)]));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The prediction is not n×C (or C), the target does not have n elements (or is not 0-d), or a target is
    /// not a class index 0 … C − 1.
    /// </exception>
    protected override Tensor ElementLosses(Tensor prediction, Tensor target)
    {
        Check.Argument(prediction.Rank is 1 or 2, nameof(prediction),
            $"CrossEntropy takes logits of shape (n, C) or (C,), got {Shapes.Format(prediction.ShapeArray)}");
        int classes = prediction.Shape[^1];
        int[] expectedTarget = prediction.Rank == 2 ? [prediction.Shape[0]] : [];
        Check.Argument(Shapes.Equal(target.ShapeArray, expectedTarget), nameof(target),
            $"CrossEntropy: logits of shape {Shapes.Format(prediction.ShapeArray)} need class indices of shape {Shapes.Format(expectedTarget)}, got {Shapes.Format(target.ShapeArray)}");
        CheckValues(target, y => y >= 0 && y < classes && y == Math.Floor(y), nameof(target), nameof(CrossEntropy),
            $"targets must be class indices 0 … {classes - 1}");

        var oneHot = new double[prediction.Size];
        ReadOnlySpan<double> indices = target.Values;
        for (int i = 0; i < indices.Length; i++) oneHot[i * classes + (int)indices[i]] = 1.0;
        Tensor y = new(oneHot, [.. prediction.Shape]);

        int classAxis = prediction.Rank - 1;
        return -(prediction.LogSoftmax(classAxis) * y).Sum(classAxis);
    }
}
