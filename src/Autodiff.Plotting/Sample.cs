namespace Autodiff.Plotting;

/// <summary>Evenly spaced sample points, named after their NumPy twins so the article's code translates line by line.</summary>
public static class Sample
{
    /// <summary>
    /// <paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/>,
    /// both included (NumPy's <c>np.linspace</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2.</exception>
    public static double[] Linspace(double start, double stop, int count)
    {
        Check.AtLeast(2, count, nameof(count));
        var values = new double[count];
        for (var i = 0; i < count; i++)
            // start + i·step would drift away from stop by rounding; interpolating lands on it exactly.
            values[i] = i == count - 1 ? stop : start + (stop - start) * i / (count - 1);
        return values;
    }

    /// <summary>
    /// Values <c>start, start + step, …</c> strictly below <paramref name="stop"/> (NumPy's <c>np.arange</c>):
    /// <c>Arange(-2, 2, 0.1)</c> is the article's 40 points on [-2, 2).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is not positive or the interval is empty.</exception>
    public static double[] Arange(double start, double stop, double step)
    {
        if (!(step > 0)) throw new ArgumentException($"Expected a positive step, got {step}.", nameof(step));
        Check.Interval(start, stop, nameof(stop));
        // Counting first and multiplying (rather than adding step repeatedly) avoids an extra point
        // just below stop caused by accumulated rounding, the same way NumPy does it.
        var count = (int)Math.Ceiling((stop - start) / step);
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = start + i * step;
        return values;
    }
}
