using Autodiff.Engine;

namespace Autodiff;

public sealed partial class Tensor
{
    /// <summary>
    /// The gradient of the last backward pass's output with respect to this tensor, summed over every backward
    /// pass since the last <see cref="ZeroGrad"/>; null until a backward pass reaches this tensor.
    /// </summary>
    /// <remarks>
    /// As in the article, every tensor that requires grad keeps its gradient, intermediate results included.
    /// PyTorch keeps <c>.grad</c> only on leaves (unless <c>retain_grad()</c> is called).
    /// The returned tensor is a snapshot: later backward passes do not change it. After
    /// <c>Backward(createGraph: true)</c> it is itself part of a graph, so it can be differentiated again.
    /// </remarks>
    public Tensor? Grad => StoredGrad();

    /// <summary>Forgets the gradient: <see cref="Grad"/> is null again, and the next backward pass starts from zero.</summary>
    /// <remarks>PyTorch's <c>zero_grad()</c> also sets gradients to None by default.</remarks>
    public void ZeroGrad() => ForgetGrad();

    /// <summary>
    /// Backpropagation: computes the gradient of this tensor with respect to every tensor of its graph that
    /// requires grad, and adds it to their <see cref="Grad"/>.
    /// </summary>
    /// <param name="gradient">∂L/∂this. May be omitted for a one-element tensor (a loss), where it is 1.</param>
    /// <param name="createGraph">
    /// Record the backward pass itself as a graph, so that gradients can be differentiated again
    /// (second derivatives). Slower; off by default.
    /// </param>
    /// <exception cref="InvalidOperationException">
    /// This tensor does not require grad; or it has several elements and no gradient was given; or a tensor of its
    /// graph was changed in place (by an optimizer's step) after the graph was built.
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> does not have this tensor's shape.</exception>
    public void Backward(Tensor? gradient = null, bool createGraph = false)
    {
        if (!HasFlag(Flags.RequiresGrad))
            throw new InvalidOperationException(
                $"Backward() was called on {Describe()}, which does not require grad: none of the tensors it was computed from " +
                "has requiresGrad: true, or it was computed inside Autograd.NoGrad()");
        if (gradient is null && Size != 1)
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a one-element output such as a loss, but {Describe()} has {Size} elements; " +
                $"pass the gradient of the final result with respect to it, a tensor of shape {Shapes.Format(ShapeArray)}");
        if (gradient is not null && !Shapes.Equal(gradient.ShapeArray, ShapeArray))
            throw new ArgumentException(
                $"the gradient has shape {Shapes.Format(gradient.ShapeArray)} but {Describe()}: they must be equal", nameof(gradient));
        BackwardPass.Run(this, gradient, createGraph);
    }
}
