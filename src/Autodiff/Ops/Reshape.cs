using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>The same values, row-major, under another shape with as many elements.</summary>
/// <remarks>The gradient is reshaped back: ∂L/∂x is ∂L/∂y read in x's shape.</remarks>
public sealed class Reshape : Operation
{
    private readonly int[] _shape;

    /// <summary>Reshapes <paramref name="x"/>; one dimension may be −1 and is then inferred.</summary>
    /// <exception cref="ArgumentException">The new shape has a different number of elements, or more than one −1.</exception>
    public Reshape(Tensor x, int[] shape) : base(x)
    {
        Check.NotNull(shape, nameof(shape));
        _shape = Resolve(x, shape);
    }

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "view";
    /// <inheritdoc/>
    public override string Formula => $"y = x viewed as {Shapes.Format(_shape)}";
    /// <inheritdoc/>
    public override string Derivative => "∂L/∂x = ∂L/∂y viewed as x's shape";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward() => Tensor.Owning(X.ToArray(), _shape);

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream.Reshape([.. X.ShapeArray])];

    private static int[] Resolve(Tensor x, int[] shape)
    {
        var resolved = (int[])shape.Clone();
        int inferred = Array.IndexOf(resolved, -1);
        Check.Argument(Array.LastIndexOf(resolved, -1) == inferred, nameof(shape),
            $"Reshape: only one dimension can be -1, got {Shapes.Format(shape)}");
        for (int d = 0; d < resolved.Length; d++)
            Check.Argument(resolved[d] >= -1, nameof(shape),
                $"Reshape: shape {Shapes.Format(shape)} has a negative dimension: dimension {d} is {resolved[d]} (only -1 is allowed, to infer one size)");
        if (inferred >= 0)
        {
            int known = 1;
            for (int d = 0; d < resolved.Length; d++) if (d != inferred) known *= resolved[d];
            Check.Argument(known > 0 && x.Size % known == 0, nameof(shape),
                $"Reshape: cannot reshape {Shapes.Format(x.ShapeArray)} ({x.Size} elements) to {Shapes.Format(shape)}");
            resolved[inferred] = x.Size / known;
        }
        Check.Argument(Shapes.SizeOf(resolved) == x.Size, nameof(shape),
            $"Reshape: cannot reshape {Shapes.Format(x.ShapeArray)} ({x.Size} elements) to {Shapes.Format(shape)} ({Shapes.SizeOf(resolved)} elements)");
        return resolved.Length == 0 ? Shapes.Scalar : resolved;
    }
}
