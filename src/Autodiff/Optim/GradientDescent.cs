namespace Autodiff.Optim;

/// <summary>
/// Plain gradient descent, the article's optimizer: p ← p − η·∇p for every parameter p.
/// PyTorch: <c>torch.optim.SGD(params, lr)</c> without momentum.
/// </summary>
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
