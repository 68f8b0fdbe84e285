namespace Autodiff;

/// <summary>The one place argument checks go through, in the core and in the charts, so every message names the argument.</summary>
internal static class Check
{
    public static void Argument(bool condition, string paramName, string message)
    {
        if (!condition) throw new ArgumentException(message, paramName);
    }

    public static void NotNull(object? value, string paramName)
    {
        if (value is null) throw new ArgumentNullException(paramName);
    }

    /// <summary>Every dimension of <paramref name="shape"/> is ≥ 0 (Reshape's one inferred −1 is checked by Reshape).</summary>
    public static void Shape(int[] shape, string paramName)
    {
        NotNull(shape, paramName);
        for (int d = 0; d < shape.Length; d++)
            if (shape[d] < 0)
                throw new ArgumentException(
                    $"shape {Shapes.Format(shape)} has a negative dimension: dimension {d} is {shape[d]}; sizes must be 0 or more", paramName);
    }

    /// <summary>Maps a possibly negative axis (-1 = last) to 0..rank-1.</summary>
    public static int Axis(int axis, int rank, string paramName)
    {
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            throw new ArgumentOutOfRangeException(paramName, axis,
                rank == 0
                    ? $"axis {axis} is out of range: a 0-d tensor has no axes"
                    : $"axis {axis} is out of range for a tensor of rank {rank} (valid: {-rank}..{rank - 1})");
        return normalized;
    }

    /// <summary>The values as an array, which must not be empty.</summary>
    public static T[] NotEmpty<T>(IEnumerable<T>? values, string paramName)
    {
        NotNull(values, paramName);
        var array = values!.ToArray();
        Argument(array.Length > 0, paramName, "At least one value is needed.");
        return array;
    }

    /// <summary>[from, to] is a finite interval with from &lt; to.</summary>
    public static void Interval(double from, double to, string paramName) =>
        Argument(double.IsFinite(from) && double.IsFinite(to) && from < to, paramName,
            $"Expected a finite interval with from < to, got [{from}, {to}].");

    /// <summary>Two lengths that must match.</summary>
    public static void SameLength(int expected, int actual, string paramName) =>
        Argument(expected == actual, paramName, $"Expected {expected} values to match the other argument, got {actual}.");

    /// <summary>A count that must be at least <paramref name="minimum"/>.</summary>
    public static void AtLeast(int minimum, int actual, string paramName)
    {
        if (actual < minimum)
            throw new ArgumentOutOfRangeException(paramName, actual, $"Must be at least {minimum}.");
    }
}
