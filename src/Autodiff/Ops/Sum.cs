using System.Numerics.Tensors;

namespace Autodiff.Ops;

/// <summary>Sum of all elements (y = Σᵢ xᵢ), or along one axis.</summary>
/// <remarks>∂y/∂xᵢ = 1: every summed element receives the upstream gradient of its sum.</remarks>
public sealed class Sum : Operation
{
    private readonly int? _axis;
    private readonly bool _keepDim;

    /// <summary>Sums <paramref name="x"/> over <paramref name="axis"/> (all elements when null).</summary>
    public Sum(Tensor x, int? axis = null, bool keepDim = false) : base(x)
    {
        _axis = axis is int a ? Check.Axis(a, x.Rank, nameof(axis)) : null;
        _keepDim = keepDim;
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "Σ";
    /// <inheritdoc/>
    public override string Formula => _axis is null ? "y = Σᵢ xᵢ" : $"y = Σ xᵢ along axis {_axis}";
    /// <inheritdoc/>
    public override string Derivative => "∂y/∂xᵢ = 1";

    internal override bool ComputesRawValues => true;

    /// <summary>The output shape when the summed axes are kept with size 1.</summary>
    private int[] KeptShape => _axis is int axis ? Shapes.Reduced(X.ShapeArray, axis, keepDim: true) : Enumerable.Repeat(1, X.Rank).ToArray();

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        Tensor x = X;
        if (_axis is not int axis)
        {
            double total = TensorPrimitives.Sum((ReadOnlySpan<double>)x.Values);
            return _keepDim ? Tensor.Owning([total], KeptShape) : new Tensor(total);
        }
        var view = AxisView.Of(x.ShapeArray, axis);
        var sums = new double[view.Outer * view.Inner];
        ReadOnlySpan<double> values = x.Values;
        for (int o = 0; o < view.Outer; o++)
            for (int k = 0; k < view.Length; k++)
                TensorPrimitives.Add(sums.AsSpan(o * view.Inner, view.Inner), values.Slice(view.Index(o, k, 0), view.Inner), sums.AsSpan(o * view.Inner, view.Inner));
        return Tensor.Owning(sums, Shapes.Reduced(x.ShapeArray, axis, _keepDim));
    }

    /// <inheritdoc/>
    /// <remarks>Each summed element receives the gradient of its sum: upstream, broadcast back over the summed axes
    /// (a sum of all elements has one value, which broadcasts as it is).</remarks>
    public override Tensor?[] Backward(Tensor upstream) =>
        [(_axis is null ? upstream : upstream.Reshape(KeptShape)).BroadcastTo([.. X.ShapeArray])];
}
