using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>Matrix product C = A·B: matrix × matrix, matrix × vector, vector × matrix, or vector · vector.</summary>
/// <remarks>
/// With G = ∂L/∂C: ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G. A vector is treated as a one-row (on the left) or
/// one-column (on the right) matrix, and its gradient is read back as a vector.
/// </remarks>
public sealed class MatMul : Operation
{
    private readonly int _m, _k, _n;
    private readonly int[] _shape;

    /// <summary>Multiplies <paramref name="a"/> by <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">A tensor is not 1-d or 2-d, or the inner dimensions differ.</exception>
    public MatMul(Tensor a, Tensor b) : base(a, b)
    {
        int[] sa = a.ShapeArray, sb = b.ShapeArray;
        Check.Argument(sa.Length is 1 or 2 && sb.Length is 1 or 2, sa.Length is 1 or 2 ? nameof(b) : nameof(a),
            $"MatMul multiplies 1-d and 2-d tensors, got {Shapes.Format(sa)} and {Shapes.Format(sb)}");
        _m = sa.Length == 2 ? sa[0] : 1;
        _k = sa[^1];
        int kb = sb[0];
        _n = sb.Length == 2 ? sb[1] : 1;
        Check.Argument(_k == kb, nameof(b),
            $"MatMul: cannot multiply {Shapes.Format(sa)} by {Shapes.Format(sb)}: inner dimensions {_k} and {kb} differ");
        _shape = (sa.Length, sb.Length) switch
        {
            (2, 2) => [_m, _n],
            (2, 1) => [_m],
            (1, 2) => [_n],
            _ => Shapes.Scalar,
        };
    }

    private Tensor A => Parent(0);
    private Tensor B => Parent(1);

    /// <inheritdoc/>
    public override string Symbol => "@";
    /// <inheritdoc/>
    public override string Formula => "C = A·B";
    /// <inheritdoc/>
    public override string Derivative => "∂L/∂A = G·Bᵀ,  ∂L/∂B = Aᵀ·G";

    internal override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public override Tensor Forward()
    {
        var c = new double[_m * _n];
        MatMulKernel.MultiplyAdd(A.Storage!, false, B.Storage!, false, c, _m, _k, _n);
        return Tensor.Owning(c, _shape);
    }

    internal override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
    {
        // The kernels take arrays (they may share them between cores); a vector · vector output is 0-d, with no array.
        double[] g = output.IsScalar ? [upstream[0]] : sink.ArrayFor(output);
        if (A.RequiresGrad) MatMulKernel.MultiplyAdd(g, false, B.Storage!, true, sink.ArrayFor(A), _m, _n, _k);   // G·Bᵀ
        if (B.RequiresGrad) MatMulKernel.MultiplyAdd(A.Storage!, true, g, false, sink.ArrayFor(B), _k, _m, _n);   // Aᵀ·G
    }

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream)
    {
        Tensor a = A.Reshape(_m, _k), b = B.Reshape(_k, _n), g = upstream.Reshape(_m, _n);
        return
        [
            A.RequiresGrad ? g.MatMul(b.Transpose()).Reshape([.. A.ShapeArray]) : null,
            B.RequiresGrad ? a.Transpose().MatMul(g).Reshape([.. B.ShapeArray]) : null,
        ];
    }
}
