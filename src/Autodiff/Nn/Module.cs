namespace Autodiff.Nn;

/// <summary>
/// A model: a function of its input with learnable parameters. PyTorch: <c>torch.nn.Module</c>.
/// </summary>
/// <remarks>
/// <see cref="Parameters"/> lists the same tensors, in the same order, every time it is called, so an
/// optimizer, a training history and a picture of the graph all agree on which parameter is which.
/// A module is not thread-safe: a forward pass and an optimizer step must not run at the same time.
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public abstract class Module
{
    /// <summary>The learnable parameters (leaf tensors that require grad), in a fixed order.</summary>
    public abstract IReadOnlyList<Tensor> Parameters();

    /// <summary>The model's output for input <paramref name="x"/>.</summary>
    public abstract Tensor Forward(Tensor x);

    /// <summary>Forgets the gradient of every parameter (see <see cref="Tensor.ZeroGrad"/>). PyTorch: <c>zero_grad()</c>.</summary>
    public void ZeroGrad()
    {
        foreach (Tensor parameter in Parameters()) parameter.ZeroGrad();
    }
}
