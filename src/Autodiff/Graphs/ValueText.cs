using System.Globalization;

namespace Autodiff.Graphs;

/// <summary>
/// How the library writes a tensor's values in a line of text, everywhere (graph pictures, DOT and Mermaid exports,
/// backward traces, the charts): one number, a short list, or else the shape.
/// </summary>
public static class ValueText
{
    /// <summary>The number of values listed before the shape is written instead.</summary>
    public const int MaxListed = 6;

    /// <summary>E.g. <c>2.5</c>, <c>[1, 2.5]</c> or <c>shape (3, 4)</c>.</summary>
    /// <param name="values">The values, row-major.</param>
    /// <param name="shape">Their shape, written when there are more than <paramref name="maxListed"/> values.</param>
    /// <param name="maxListed">How many values may be listed.</param>
    /// <param name="number">How one number is written (default: <see cref="Number"/>).</param>
    public static string Of(IReadOnlyList<double> values, IReadOnlyList<int> shape, int maxListed = MaxListed, Func<double, string>? number = null)
    {
        Check.NotNull(values, nameof(values));
        Check.NotNull(shape, nameof(shape));
        number ??= Number;
        return values.Count == 1 ? number(values[0])
            : values.Count <= maxListed ? "[" + string.Join(", ", values.Select(number)) + "]"
            : $"shape {Shapes.Format([.. shape])}";
    }

    /// <summary>A number in six significant digits, as <see cref="Tensor.ToString"/> writes it.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
