namespace Autodiff.Optim;

/// <summary>
/// Plain gradient descent, the article's optimizer: p ← p − η·∇p for every parameter p.
/// PyTorch: <c>torch.optim.SGD(params, lr)</c> without momentum.
/// </summary>
/// <remarks>
/// <see cref="Sgd"/> with <c>momentum: 0</c> takes exactly the same steps. Both exist on purpose: this class is the
/// update rule of the article, two lines a learner can read whole before meeting velocity; <see cref="Sgd"/> is
/// PyTorch's optimizer, momentum included, for the models that come after.
/// </remarks>
public sealed class GradientDescent(IEnumerable<Tensor> parameters, double learningRate) : Optimizer(parameters, learningRate)
{
    private protected override void Update(int index, Span<double> p, ReadOnlySpan<double> gradient)
    {
        double eta = LearningRate;
        for (int i = 0; i < p.Length; i++) p[i] -= eta * gradient[i];
    }

    /// <summary>E.g. <c>GradientDescent(learningRate: 0.1)</c>.</summary>
    public override string ToString() => $"GradientDescent(learningRate: {LearningRate})";
}
