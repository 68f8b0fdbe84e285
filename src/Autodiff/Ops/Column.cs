namespace Autodiff.Ops;

/// <summary>Slicing: one column of an n×k batch (the core has no general slicing operation).</summary>
internal static class Column
{
    /// <summary>Column <paramref name="j"/> of the matrix <paramref name="x"/>, as a vector of length n.</summary>
    /// <remarks>
    /// Data needs no gradient, so a column of data is a plain constant. When <paramref name="x"/> does require
    /// grad (to ask how the loss changes with the input, as for an adversarial example), the column is
    /// x·eⱼ instead, a matrix product with the j-th unit vector, so the gradient still reaches x.
    /// </remarks>
    public static Tensor Of(Tensor x, int j)
    {
        int rows = x.ShapeArray[0], columns = x.ShapeArray[1];
        if (x.RequiresGrad)
        {
            var unit = new double[columns];
            unit[j] = 1.0;
            return x.MatMul(new Tensor(unit));
        }
        ReadOnlySpan<double> values = x.Values;
        var column = new double[rows];
        for (int i = 0; i < rows; i++) column[i] = values[i * columns + j];
        return new Tensor(column);
    }
}
