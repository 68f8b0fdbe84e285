using System.Runtime.InteropServices;

namespace Autodiff;

public sealed partial class Tensor
{
    // Where the gradient lives. A 0-d tensor keeps it in _scalarGrad (no allocation per node); other tensors
    // in _grad, an array-backed tensor this node owns and adds into. After Backward(createGraph: true), _grad
    // is instead the differentiable gradient tensor itself (_gradIsGraph), which is never modified in place.
    private double _scalarGrad;
    private Tensor? _grad;
    private bool _hasGrad;
    private bool _gradIsGraph;

    // This node's slot in the backward pass running now, 1-based; 0 outside a pass (see BackwardPass).
    internal int PassSlot;

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
    public Tensor? Grad
    {
        get
        {
            if (!_hasGrad) return null;
            if (_gradIsGraph) return _grad;
            return IsScalar ? new Tensor(_scalarGrad) : _grad!.Copy();
        }
    }

    /// <summary>Forgets the gradient: <see cref="Grad"/> is null again, and the next backward pass starts from zero.</summary>
    /// <remarks>PyTorch's <c>zero_grad()</c> also sets gradients to None by default.</remarks>
    public void ZeroGrad()
    {
        _hasGrad = false;
        _scalarGrad = 0.0;
        if (_gradIsGraph) _grad = null;   // an owned buffer is kept and reused by the next pass
        _gradIsGraph = false;
    }

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
        if (!_requiresGrad)
            throw new InvalidOperationException(
                $"Backward() was called on {Describe()}, which does not require grad: none of the tensors it was computed from " +
                "has requiresGrad: true, or it was computed inside Autograd.NoGrad()");
        if (gradient is null && Size != 1)
            throw new InvalidOperationException(
                $"Backward() without a gradient needs a one-element output such as a loss, but {Describe()} has {Size} elements; " +
                $"pass the gradient of the final result with respect to it, a tensor of shape {Shapes.Format(_shape)}");
        if (gradient is not null && !Shapes.Equal(gradient._shape, _shape))
            throw new ArgumentException(
                $"the gradient has shape {Shapes.Format(gradient._shape)} but {Describe()}: they must be equal", nameof(gradient));
        BackwardPass.Run(this, gradient, createGraph);
    }

    /// <summary>Adds one pass's gradient into the stored one (<paramref name="handOver"/>, if given, may become the storage).</summary>
    internal void AccumulateGrad(ReadOnlySpan<double> gradient, double[]? handOver)
    {
        if (IsScalar)
        {
            _scalarGrad = (_hasGrad ? _scalarGrad : 0.0) + gradient[0];
            _grad = null;
        }
        else if (_hasGrad && !_gradIsGraph)
        {
            var stored = _grad!.Values;
            for (int i = 0; i < stored.Length; i++) stored[i] += gradient[i];
        }
        else if (_hasGrad)
        {
            // The stored gradient is a graph tensor that others may hold: build a new one.
            var sum = _grad!.ToArray();
            for (int i = 0; i < sum.Length; i++) sum[i] += gradient[i];
            _grad = Owning(sum, _shape);
        }
        else if (_grad is not null)
        {
            gradient.CopyTo(_grad.Values);   // reuse the buffer kept by ZeroGrad
        }
        else
        {
            _grad = Owning(handOver ?? gradient.ToArray(), _shape);
        }
        _hasGrad = true;
        _gradIsGraph = false;
    }

    /// <summary>Adds a differentiable gradient (a Backward(createGraph: true) pass) to the stored one.</summary>
    internal void AccumulateGraphGrad(Tensor gradient)
    {
        Tensor total = gradient;
        if (_hasGrad)
        {
            Tensor stored = _gradIsGraph ? _grad! : (IsScalar ? new Tensor(_scalarGrad) : _grad!.Copy());
            total = stored + gradient;
        }
        _grad = total;
        if (IsScalar) _scalarGrad = total._scalar;
        _hasGrad = true;
        _gradIsGraph = true;
    }

    /// <summary>The stored gradient's values, for optimizers (empty when there is none).</summary>
    internal Span<double> GradValues =>
        !_hasGrad ? Span<double>.Empty
        : IsScalar ? MemoryMarshal.CreateSpan(ref _scalarGrad, 1)
        : _grad!.Values;
}
