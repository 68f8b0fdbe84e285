using System.Numerics.Tensors;

namespace Autodiff;

/// <summary>Loops over raw values shared by several operations.</summary>
internal static class Kernels
{
    /// <summary>
    /// target += gradient, where the target's shape broadcasts to the gradient's: along every axis the forward
    /// pass broadcast, the gradient is summed (a value used n times receives the sum of its n gradients).
    /// </summary>
    public static void AddReduced(ReadOnlySpan<double> gradient, int[] gradientShape, Span<double> target, int[] targetShape)
    {
        if (target.IsEmpty) return;
        if (Shapes.Equal(gradientShape, targetShape))
        {
            TensorPrimitives.Add(target, gradient, target);
            return;
        }
        if (target.Length == 1)
        {
            target[0] += TensorPrimitives.Sum(gradient);
            return;
        }
        var plan = new Broadcast(gradientShape, targetShape, gradientShape);
        int length = plan.RowLength, step = plan.StepA;
        for (int row = 0; row < plan.Rows; row++)
        {
            var source = gradient.Slice(row * length, length);
            int start = plan.StartA[row];
            if (step == 0)
                target[start] += TensorPrimitives.Sum(source);
            else
                TensorPrimitives.Add(target.Slice(start, length), source, target.Slice(start, length));
        }
    }

    /// <summary>A rows×cols matrix transposed into a new cols×rows array.</summary>
    public static double[] Transposed(ReadOnlySpan<double> matrix, int rows, int cols)
    {
        var result = new double[matrix.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                result[j * rows + i] = matrix[i * cols + j];
        return result;
    }

    /// <summary>c += a·b for row-major a (m×k), b (k×n), c (m×n).</summary>
    public static void MatMulAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        if (n == 1)
        {
            // Matrix × vector: each output is the dot product of a row of a with b.
            for (int i = 0; i < m; i++) c[i] += TensorPrimitives.Dot(a.Slice(i * k, k), b);
            return;
        }
        // Row i of c gathers the rows of b weighted by row i of a: memory is read in order.
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
                TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), a[i * k + p], row, row);
        }
    }
}
