using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>
/// Sums a tensor back to a smaller shape that broadcasts to its own: over the leading axes broadcasting added, and
/// over the axes where the smaller shape has size 1. The reverse of <see cref="BroadcastTo"/>.
/// </summary>
/// <remarks>
/// ∂L/∂x = ∂L/∂y repeated to x's shape: each summed element receives the gradient of its sum. This is how a gradient
/// that flowed into a broadcast input returns to the input's shape, the one place the library does it.
/// </remarks>
public sealed class SumTo : Operation
{
    private readonly int[] _shape;

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
    public SumTo(Tensor x, int[] shape) : base(x)
    {
        Check.Shape(shape, nameof(shape));
        Check.Argument(Shapes.BroadcastsTo(shape, x.ShapeArray), nameof(shape),
            $"SumTo: {Shapes.Format(shape)} does not broadcast to {Shapes.Format(x.ShapeArray)}");
        _shape = shape.Length == 0 ? Shapes.Scalar : (int[])shape.Clone();
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "Σ→";
    /// <inheritdoc/>
    public override string Formula => $"y = x summed to {Shapes.Format(_shape)}";
    /// <inheritdoc/>
    public override string Derivative => "∂L/∂x = ∂L/∂y repeated to x's shape";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        var y = new double[Shapes.SizeOf(_shape)];
        Kernels.AddReduced(X.Values, X.ShapeArray, y, _shape);
        return Tensor.Owning(y, _shape);
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream.BroadcastTo([.. X.ShapeArray])];
}
