namespace Autodiff.Plotting;

/// <summary>
/// Values of a function of two variables on a rectangular grid: the input of contour, heatmap and
/// decision-boundary charts.
/// </summary>
/// <remarks>
/// <see cref="Z"/> is indexed <c>Z[row][column]</c> with rows along <see cref="Y"/> and columns along
/// <see cref="X"/>, so <c>Z[j][i] = f(X[i], Y[j])</c>. That is plotly's convention (a picture is a list of
/// rows), which is why it is also ours. Instances are immutable.
/// </remarks>
public sealed class Grid2D
{
    /// <summary>Creates a grid from precomputed values, e.g. a classifier's probabilities after a training step.</summary>
    /// <param name="x">Column coordinates, increasing.</param>
    /// <param name="y">Row coordinates, increasing.</param>
    /// <param name="z">One row per <paramref name="y"/> value, each with one value per <paramref name="x"/> value.</param>
    /// <exception cref="ArgumentException">The shapes disagree or an axis is empty.</exception>
    public Grid2D(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<IReadOnlyList<double>> z)
    {
        X = Check.NotEmpty(x, nameof(x));
        Y = Check.NotEmpty(y, nameof(y));
        ArgumentNullException.ThrowIfNull(z);
        Check.SameLength(Y.Count, z.Count, nameof(z));
        Z = z.Select((row, j) =>
        {
            Check.SameLength(X.Count, row.Count, $"{nameof(z)}[{j}]");
            return (IReadOnlyList<double>)row.ToArray();
        }).ToArray();
    }

    /// <summary>Column coordinates (horizontal axis).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Row coordinates (vertical axis).</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Values, <c>Z[j][i] = f(X[i], Y[j])</c>.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Z { get; }

    /// <summary>Evaluates <paramref name="f"/> on a <paramref name="resolution"/> × <paramref name="resolution"/> grid.</summary>
    /// <param name="f">The function, called as <c>f(x, y)</c>.</param>
    /// <param name="xRange">Horizontal extent, both ends included.</param>
    /// <param name="yRange">Vertical extent, both ends included.</param>
    /// <param name="resolution">Points per axis; 50–100 looks smooth, and the chart grows with its square.</param>
    public static Grid2D Evaluate(Func<double, double, double> f,
        (double Min, double Max) xRange, (double Min, double Max) yRange, int resolution = 60)
    {
        ArgumentNullException.ThrowIfNull(f);
        Check.Interval(xRange.Min, xRange.Max, nameof(xRange));
        Check.Interval(yRange.Min, yRange.Max, nameof(yRange));
        var xs = Sample.Linspace(xRange.Min, xRange.Max, resolution);
        var ys = Sample.Linspace(yRange.Min, yRange.Max, resolution);
        var z = ys.Select(y => (IReadOnlyList<double>)xs.Select(x => f(x, y)).ToArray()).ToArray();
        return new Grid2D(xs, ys, z);
    }

    internal (double Min, double Max) XRange => (X.Min(), X.Max());

    internal (double Min, double Max) YRange => (Y.Min(), Y.Max());
}
