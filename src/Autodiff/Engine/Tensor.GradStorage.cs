using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autodiff;

// How a tensor stores its gradient and its small state, for speed and size; Tensor.Grad.cs has what a reader needs
// (Grad, ZeroGrad, Backward). See README.md in this folder for why, with the measurements.
public sealed partial class Tensor
{
    // Where the gradient lives. A 0-d tensor keeps it in _scalarGrad (no allocation per node); other tensors in
    // their storage's Grad, an array this node owns and adds into. After Backward(createGraph: true) the gradient is
    // instead a differentiable tensor, which is never modified in place: few tensors ever have one, so it is kept
    // in a table beside them (as names are), not in a field of every node.
    private double _scalarGrad;
    private static readonly ConditionalWeakTable<Tensor, Tensor> s_graphGrads = new();

    // Three flags and the node's slot in the backward pass running now share one int: the flags in the low bits,
    // the slot above them. Separate fields (an int and three bools) would make every tensor 8 bytes bigger.
    private int _state;

    [Flags]
    private enum Flags
    {
        RequiresGrad = 1,
        HasGrad = 2,
        GradIsGraph = 4,   // the gradient is the differentiable tensor in s_graphGrads
    }

    private const int FlagBits = 3;
    private const int FlagMask = (1 << FlagBits) - 1;

    private bool HasFlag(Flags flag) => (_state & (int)flag) != 0;

    private void SetFlag(Flags flag, bool on) => _state = on ? _state | (int)flag : _state & ~(int)flag;

    /// <summary>This node's slot in the backward pass running now, 1-based; 0 outside a pass, -1 while the sort has seen it but not placed it (see BackwardPass).</summary>
    internal int PassSlot
    {
        get => _state >> FlagBits;   // an arithmetic shift: -1 stays -1
        set => _state = (value << FlagBits) | (_state & FlagMask);
    }

    /// <summary>The largest <see cref="PassSlot"/>: a backward pass handles graphs of up to this many nodes (2²⁸ − 1).</summary>
    internal const int MaxPassSlot = int.MaxValue >> FlagBits;

    private Tensor? StoredGrad()
    {
        if (!HasFlag(Flags.HasGrad)) return null;
        if (HasFlag(Flags.GradIsGraph)) return s_graphGrads.TryGetValue(this, out var graph) ? graph : null;
        return _array is null ? new Tensor(_scalarGrad) : new Tensor((double[])_array.Grad!.Clone(), _array.Shape);
    }

    private void ForgetGrad()
    {
        ForgetGraphGrad();
        SetFlag(Flags.HasGrad, false);
        _scalarGrad = 0.0;   // an array's buffer is kept and reused by the next pass
    }

    private void ForgetGraphGrad()
    {
        if (!HasFlag(Flags.GradIsGraph)) return;
        s_graphGrads.Remove(this);
        SetFlag(Flags.GradIsGraph, false);
    }

    /// <summary>Adds one pass's gradient into the stored one (<paramref name="handOver"/>, if given, may become the storage).</summary>
    internal void AccumulateGrad(ReadOnlySpan<double> gradient, double[]? handOver)
    {
        bool hasGrad = HasFlag(Flags.HasGrad);
        if (_array is null)
        {
            _scalarGrad = (hasGrad ? _scalarGrad : 0.0) + gradient[0];   // kept equal to a graph gradient's value
            ForgetGraphGrad();
        }
        else if (hasGrad && !HasFlag(Flags.GradIsGraph))
        {
            var stored = _array.Grad!;
            for (int i = 0; i < stored.Length; i++) stored[i] += gradient[i];
        }
        else if (hasGrad)
        {
            // The stored gradient is a graph tensor that others may hold: build a new one.
            var sum = StoredGrad()!.ToArray();
            for (int i = 0; i < sum.Length; i++) sum[i] += gradient[i];
            _array.Grad = sum;
            ForgetGraphGrad();
        }
        else if (_array.Grad is not null)
        {
            gradient.CopyTo(_array.Grad);   // reuse the buffer kept by ZeroGrad
        }
        else
        {
            _array.Grad = handOver ?? gradient.ToArray();
        }
        SetFlag(Flags.HasGrad, true);
    }

    /// <summary>Adds a differentiable gradient (a Backward(createGraph: true) pass) to the stored one.</summary>
    internal void AccumulateGraphGrad(Tensor gradient)
    {
        Tensor total = gradient;
        if (HasFlag(Flags.HasGrad)) total = StoredGrad()! + gradient;
        s_graphGrads.AddOrUpdate(this, total);
        if (_array is null) _scalarGrad = total._scalar;
        SetFlag(Flags.HasGrad, true);
        SetFlag(Flags.GradIsGraph, true);
    }

    /// <summary>The gradient of a 0-d tensor as a number, when it is one (not a recorded graph): for snapshots that keep no tensor.</summary>
    internal bool TryGetScalarGrad(out double gradient)
    {
        gradient = _scalarGrad;
        return _array is null && HasFlag(Flags.HasGrad) && !HasFlag(Flags.GradIsGraph);
    }

    /// <summary>The stored gradient's values, for optimizers (empty when there is none).</summary>
    internal Span<double> GradValues =>
        !HasFlag(Flags.HasGrad) ? Span<double>.Empty
        : _array is null ? MemoryMarshal.CreateSpan(ref _scalarGrad, 1)
        : HasFlag(Flags.GradIsGraph) ? StoredGrad()!.Values
        : _array.Grad!;
}
