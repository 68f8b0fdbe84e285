using System.Numerics.Tensors;

namespace Autodiff.Engine;

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
}
