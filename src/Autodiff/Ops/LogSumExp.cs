namespace Autodiff.Ops;

/// <summary>y = ln Σₖ exp(xₖ) along one axis, computed without overflow.</summary>
/// <remarks>
/// ∂y/∂xₖ = exp(xₖ − y) = softmax(x)ₖ. The forward pass subtracts the maximum m first
/// (y = m + ln Σₖ exp(xₖ − m)), so no exponential overflows: values at ±1000 give finite results and gradients.
/// </remarks>
public sealed class LogSumExp : Operation
{
    private readonly int _axis;
    private readonly bool _keepDim;

    /// <summary>Computes ln Σ exp over <paramref name="axis"/> of <paramref name="x"/>.</summary>
    public LogSumExp(Tensor x, int axis, bool keepDim = false) : base(x)
    {
        _axis = Check.Axis(axis, x.Rank, nameof(axis));
        _keepDim = keepDim;
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "lse";
    /// <inheritdoc/>
    public override string Formula => $"y = ln Σₖ exp(xₖ) along axis {_axis}";
    /// <inheritdoc/>
    public override string Derivative => "∂y/∂xₖ = exp(xₖ − y) = softmax(x)ₖ";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        var view = AxisView.Of(X.ShapeArray, _axis);
        ReadOnlySpan<double> x = X.Values;
        var y = new double[view.Outer * view.Inner];
        for (int o = 0; o < view.Outer; o++)
            for (int i = 0; i < view.Inner; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < view.Length; k++) max = Math.Max(max, x[view.Index(o, k, i)]);
                // All −∞ (or an empty axis): the sum of exponentials is 0 and y = −∞; +∞ stays +∞.
                if (double.IsInfinity(max))
                {
                    y[view.ReducedIndex(o, i)] = max;
                    continue;
                }
                double sum = 0.0;
                for (int k = 0; k < view.Length; k++) sum += Math.Exp(x[view.Index(o, k, i)] - max);
                y[view.ReducedIndex(o, i)] = max + Math.Log(sum);
            }
        return Tensor.Owning(y, Shapes.Reduced(X.ShapeArray, _axis, _keepDim));
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream, Tensor output)
    {
        int[] kept = Shapes.Reduced(X.ShapeArray, _axis, keepDim: true);
        Tensor softmax = (X - output.Reshape(kept)).Exp();
        return [upstream.Reshape(kept) * softmax];
    }
}
