using System.Globalization;

namespace Autodiff.Plotting;

/// <summary>
/// The checks a notebook makes about its own results. A kept claim prints a ✓ line; a broken one throws,
/// which stops the notebook and fails the course's tests, so running a notebook is testing it.
/// </summary>
public static class Claim
{
    /// <summary>Claims that <paramref name="condition"/> holds.</summary>
    /// <exception cref="ClaimFailedException">It does not.</exception>
    public static void That(bool condition, string claim)
    {
        if (!condition) throw new ClaimFailedException($"claim failed: {claim}");
        Console.WriteLine($"✓ {claim}");
    }

    /// <summary>Claims that <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    /// <exception cref="ClaimFailedException">It is not (or is NaN).</exception>
    public static void Close(double expected, double actual, double tolerance, string claim)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new ClaimFailedException(
                $"claim failed: {claim} (expected {F(expected)} ± {F(tolerance)}, got {F(actual)})");
        Console.WriteLine($"✓ {claim}");
    }

    private static string F(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}

/// <summary>A notebook's claim about its own results did not hold.</summary>
public sealed class ClaimFailedException(string message) : Exception(message);
