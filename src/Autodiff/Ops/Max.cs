namespace Autodiff.Ops;

/// <summary>The largest element along one axis: y = maxₖ xₖ.</summary>
/// <remarks>
/// ∂y/∂xₖ = 1 for the element that is the maximum and 0 for the others: the gradient flows only to the
/// winner (the first one when several tie, as the index PyTorch's max returns). NaN wins, so it is not hidden.
/// </remarks>
public sealed class Max : Operation
{
    private readonly int _axis;
    private readonly bool _keepDim;
    private int[]? _winners;   // for each output element, the flat index of the input element that won

    /// <summary>Takes the maximum of <paramref name="x"/> along <paramref name="axis"/>.</summary>
    public Max(Tensor x, int axis, bool keepDim = false) : base(x)
    {
        _axis = Check.Axis(axis, x.Rank, nameof(axis));
        Check.Argument(x.ShapeArray[_axis] > 0, nameof(x), $"Max: axis {axis} of {x.Describe()} is empty");
        _keepDim = keepDim;
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "max";
    /// <inheritdoc/>
    public override string Formula => $"y = max xₖ along axis {_axis}";
    /// <inheritdoc/>
    public override string Derivative => "∂y/∂xₖ = 1 for the maximum, 0 otherwise";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        var view = AxisView.Of(X.ShapeArray, _axis);
        ReadOnlySpan<double> x = X.Values;
        var maxima = new double[view.Outer * view.Inner];
        _winners = new int[maxima.Length];
        for (int o = 0; o < view.Outer; o++)
            for (int i = 0; i < view.Inner; i++)
            {
                int best = view.Index(o, 0, i);
                for (int k = 1; k < view.Length && !double.IsNaN(x[best]); k++)
                {
                    int candidate = view.Index(o, k, i);
                    if (x[candidate] > x[best] || double.IsNaN(x[candidate])) best = candidate;
                }
                maxima[view.ReducedIndex(o, i)] = x[best];
                _winners[view.ReducedIndex(o, i)] = best;
            }
        return Tensor.Owning(maxima, Shapes.Reduced(X.ShapeArray, _axis, _keepDim));
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream)
    {
        var mask = new double[X.Size];
        foreach (int winner in _winners!) mask[winner] = 1.0;
        int[] kept = Shapes.Reduced(X.ShapeArray, _axis, keepDim: true);
        return [upstream.Reshape(kept).BroadcastTo([.. X.ShapeArray]) * Tensor.Owning(mask, X.ShapeArray)];
    }
}
