using System.Runtime.InteropServices;

namespace Autodiff;

// How a tensor stores its gradient, for speed; Tensor.Grad.cs has what a reader needs (Grad, ZeroGrad, Backward).
// See README.md in this folder for why, with the measurements.
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

    private Tensor? StoredGrad()
    {
        if (!_hasGrad) return null;
        if (_gradIsGraph) return _grad;
        return IsScalar ? new Tensor(_scalarGrad) : _grad!.Copy();
    }

    private void ForgetGrad()
    {
        _hasGrad = false;
        _scalarGrad = 0.0;
        if (_gradIsGraph) _grad = null;   // an owned buffer is kept and reused by the next pass
        _gradIsGraph = false;
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

    /// <summary>The gradient of a 0-d tensor as a number, when it is one (not a recorded graph): for snapshots that keep no tensor.</summary>
    internal bool TryGetScalarGrad(out double gradient)
    {
        gradient = _scalarGrad;
        return IsScalar && _hasGrad && !_gradIsGraph;
    }

    /// <summary>The stored gradient's values, for optimizers (empty when there is none).</summary>
    internal Span<double> GradValues =>
        !_hasGrad ? Span<double>.Empty
        : IsScalar ? MemoryMarshal.CreateSpan(ref _scalarGrad, 1)
        : _grad!.Values;
}
