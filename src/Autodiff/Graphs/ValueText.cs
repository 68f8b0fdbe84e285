namespace Autodiff.Graphs;

/// <summary>How pictures write a tensor's values: one number, up to six in a list, or else the shape.</summary>
internal static class ValueText
{
    private const int MaxListed = 6;

    public static string Of(double[] values, int[] shape) =>
        values.Length == 1 ? Tensor.FormatNumber(values[0])
        : values.Length <= MaxListed ? "[" + string.Join(", ", values.Select(Tensor.FormatNumber)) + "]"
        : $"shape {Shapes.Format(shape)}";
}
