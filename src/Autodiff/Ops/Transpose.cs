using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>The transpose of a matrix: yᵢⱼ = xⱼᵢ.</summary>
/// <remarks>The gradient is transposed back: ∂L/∂x = (∂L/∂y)ᵀ.</remarks>
public sealed class Transpose : Operation
{
    /// <summary>Transposes the 2-d tensor <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is not 2-d.</exception>
    public Transpose(Tensor x) : base(x) =>
        Check.Argument(x.Rank == 2, nameof(x), $"Transpose needs a 2-d tensor, got shape {Shapes.Format(x.ShapeArray)}");

    private Tensor X => Parent(0);

    /// <inheritdoc/>
    public override string Symbol => "ᵀ";
    /// <inheritdoc/>
    public override string Formula => "yᵢⱼ = xⱼᵢ";
    /// <inheritdoc/>
    public override string Derivative => "∂L/∂x = (∂L/∂y)ᵀ";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        int rows = X.ShapeArray[0], cols = X.ShapeArray[1];
        return Tensor.Owning(Kernels.Transposed(X.Values, rows, cols), [cols, rows]);
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream.Transpose()];
}
