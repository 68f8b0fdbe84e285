namespace Autodiff.Engine;

/// <summary>A matrix of raw values for a plain backward pass, as the kernel reads it.</summary>
/// <param name="Values">The elements, row-major.</param>
/// <param name="Rows">Rows as read (after the transpose).</param>
/// <param name="Columns">Columns as read (after the transpose).</param>
/// <param name="Transposed">Read <paramref name="Values"/> as the transpose of what they store (never copied).</param>
internal readonly record struct Matrix(double[] Values, int Rows, int Columns, bool Transposed = false) : IMatrix<Matrix, MatrixProduct>
{
    /// <inheritdoc/>
    public Matrix T => new(Values, Columns, Rows, !Transposed);

    /// <inheritdoc/>
    public MatrixProduct MatMul(Matrix right) => new(this, right);
}

/// <summary>
/// A product of two raw matrices, not yet computed: <see cref="AddTo"/> runs the kernel once, C += Left·Right, so
/// a gradient is added into its buffer with no product array and no transposed copy in between.
/// </summary>
internal readonly record struct MatrixProduct(Matrix Left, Matrix Right)
{
    /// <summary>Adds the product into <paramref name="c"/>, a Left.Rows × Right.Columns row-major array.</summary>
    public void AddTo(double[] c) =>
        MatMulKernel.MultiplyAdd(Left.Values, Left.Transposed, Right.Values, Right.Transposed, c, Left.Rows, Left.Columns, Right.Columns);
}
