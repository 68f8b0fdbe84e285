using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>Repeats a tensor along the axes where it has size 1 (or is missing) to reach a larger shape.</summary>
/// <remarks>The gradient of a value repeated n times is the sum of the n gradients: backward sums back to the input's shape.</remarks>
public sealed class BroadcastTo : Operation
{
    private readonly int[] _shape;

    /// <summary>Broadcasts <paramref name="x"/> to <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">x's shape does not broadcast to <paramref name="shape"/>.</exception>
    public BroadcastTo(Tensor x, int[] shape) : base(x)
    {
        Check.Shape(shape, nameof(shape));
        Check.Argument(Shapes.BroadcastsTo(x.ShapeArray, shape), nameof(shape),
            $"BroadcastTo: cannot broadcast {Shapes.Format(x.ShapeArray)} to {Shapes.Format(shape)}");
        _shape = (int[])shape.Clone();
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "bcast";
    /// <inheritdoc/>
    public override string Formula => $"y = x repeated to {Shapes.Format(_shape)}";
    /// <inheritdoc/>
    public override string Derivative => "∂L/∂x = Σ of ∂L/∂y over the repeats";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        var plan = new Broadcast(_shape, X.ShapeArray, _shape);
        var y = new double[Shapes.SizeOf(_shape)];
        ReadOnlySpan<double> x = X.Values;
        for (int row = 0, k = 0; row < plan.Rows; row++)
            for (int j = 0, i = plan.StartA[row]; j < plan.RowLength; j++, k++, i += plan.StepA)
                y[k] = x[i];
        return Tensor.Owning(y, _shape);
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream.SumTo(X.ShapeArray)];
}
