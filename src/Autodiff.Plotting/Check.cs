namespace Autodiff.Plotting;

/// <summary>Argument checks, so that every chart rejects bad input with the same kind of message.</summary>
internal static class Check
{
    public static T[] NotEmpty<T>(IEnumerable<T>? values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        var array = values.ToArray();
        if (array.Length == 0) throw new ArgumentException("At least one value is needed.", paramName);
        return array;
    }

    public static void Interval(double from, double to, string paramName)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to) || from >= to)
            throw new ArgumentException($"Expected a finite interval with from < to, got [{from}, {to}].", paramName);
    }

    public static void SameLength(int expected, int actual, string paramName)
    {
        if (expected != actual)
            throw new ArgumentException($"Expected {expected} values to match the other argument, got {actual}.", paramName);
    }

    public static void AtLeast(int minimum, int actual, string paramName)
    {
        if (actual < minimum)
            throw new ArgumentOutOfRangeException(paramName, actual, $"Must be at least {minimum}.");
    }
}
