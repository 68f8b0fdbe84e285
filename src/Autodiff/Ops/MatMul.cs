using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>Matrix product C = A·B: matrix × matrix, matrix × vector, vector × matrix, or vector · vector.</summary>
/// <remarks>
/// With G = ∂L/∂C: ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G (<see cref="DLdA"/>, <see cref="DLdB"/>). A vector is treated as a
/// one-row (on the left) or one-column (on the right) matrix, and its gradient is read back as a vector.
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
        new Matrix(A.Storage!, _m, _k).MatMul(new Matrix(B.Storage!, _k, _n)).AddTo(c);
        return Tensor.Owning(c, _shape);
    }

    // The derivative, stated once, generic over IMatrix: Backward runs it on tensors, a plain pass (BackwardInto)
    // on raw matrices, where the kernel reads Bᵀ and Aᵀ in place and adds into the gradient buffers.

    /// <summary>∂L/∂A = G·Bᵀ.</summary>
    private static TProduct DLdA<TMatrix, TProduct>(TMatrix a, TMatrix b, TMatrix g) where TMatrix : IMatrix<TMatrix, TProduct> =>
        g.MatMul(b.T);

    /// <summary>∂L/∂B = Aᵀ·G.</summary>
    private static TProduct DLdB<TMatrix, TProduct>(TMatrix a, TMatrix b, TMatrix g) where TMatrix : IMatrix<TMatrix, TProduct> =>
        a.T.MatMul(g);

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream)
    {
        Tensor a = A.Reshape(_m, _k), b = B.Reshape(_k, _n), g = upstream.Reshape(_m, _n);
        return
        [
            A.RequiresGrad ? DLdA<Tensor, Tensor>(a, b, g).Reshape([.. A.ShapeArray]) : null,
            B.RequiresGrad ? DLdB<Tensor, Tensor>(a, b, g).Reshape([.. B.ShapeArray]) : null,
        ];
    }

    internal override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
    {
        // The kernel takes arrays (it may share them between cores); a vector · vector output is 0-d, with no array.
        double[] gradient = output.IsScalar ? [upstream[0]] : sink.ArrayFor(output);
        Matrix a = new(A.Storage!, _m, _k), b = new(B.Storage!, _k, _n), g = new(gradient, _m, _n);
        if (A.RequiresGrad) DLdA<Matrix, MatrixProduct>(a, b, g).AddTo(sink.ArrayFor(A));
        if (B.RequiresGrad) DLdB<Matrix, MatrixProduct>(a, b, g).AddTo(sink.ArrayFor(B));
    }
}
