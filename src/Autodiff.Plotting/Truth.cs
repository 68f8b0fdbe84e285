using System.Globalization;

namespace Autodiff.Plotting;

/// <summary>
/// A notebook's claims that hold for <em>any</em> parameters: the library's derivative equals the analytic
/// one, the chain rule multiplies, ∂L/∂z = p − y. A kept truth prints a ✓ line; a broken one throws, whatever
/// the parameters, because it means the code (or the math) is wrong. Claims that only describe what the
/// default parameters show are <see cref="Lesson"/> claims.
/// </summary>
public static class Truth
{
    /// <summary>States that <paramref name="condition"/> holds.</summary>
    /// <exception cref="TruthFailedException">It does not.</exception>
    public static void That(bool condition, string claim)
    {
        if (!condition) throw new TruthFailedException($"claim failed: {claim}");
        Console.WriteLine($"✓ {claim}");
    }

    /// <summary>States that <paramref name="actual"/> is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    /// <exception cref="TruthFailedException">It is not (or is NaN).</exception>
    public static void Close(double expected, double actual, double tolerance, string claim)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
            throw new TruthFailedException(
                $"claim failed: {claim} (expected {F(expected)} ± {F(tolerance)}, got {F(actual)})");
        Console.WriteLine($"✓ {claim}");
    }

    internal static string F(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}

/// <summary>A truth a notebook states about its own results did not hold: a bug, not a choice of parameters.</summary>
public sealed class TruthFailedException(string message) : Exception(message);
