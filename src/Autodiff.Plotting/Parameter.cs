using System.Globalization;
using System.Runtime.CompilerServices;

namespace Autodiff.Plotting;

/// <summary>
/// The ranges a notebook's parameters are written for. A value outside its range stops the cell with one
/// sentence that says what is wrong with it, instead of a failure deep inside a later cell.
/// </summary>
public static class Parameter
{
    /// <summary>Requires <paramref name="minimum"/> ≤ <paramref name="value"/> ≤ <paramref name="maximum"/>.</summary>
    /// <param name="value">The parameter.</param>
    /// <param name="minimum">The smallest value the notebook is written for.</param>
    /// <param name="maximum">The largest.</param>
    /// <param name="why">What goes wrong outside the range, for the reader (e.g. "not a parabola: f has no minimum").</param>
    /// <param name="name">Filled in by the compiler: the parameter's name as written.</param>
    /// <exception cref="ParameterOutOfRangeException">The value is outside the range (or NaN).</exception>
    public static void InRange(double value, double minimum, double maximum, string why,
        [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= minimum && value <= maximum))
            throw new ParameterOutOfRangeException(
                $"{name} = {F(value)} is outside the range {F(minimum)} … {F(maximum)} this notebook is written for: {why}.");
    }

    /// <summary>Requires <paramref name="condition"/> of a parameter (or of several together).</summary>
    /// <param name="condition">What the notebook needs.</param>
    /// <param name="sentence">What is wrong when it does not hold, as one sentence for the reader.</param>
    /// <exception cref="ParameterOutOfRangeException"><paramref name="condition"/> is false.</exception>
    public static void Require(bool condition, string sentence)
    {
        if (!condition) throw new ParameterOutOfRangeException(sentence);
    }

    private static string F(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// A parameter outside the range its notebook is written for. Its text is the whole story: notebook kernels
/// print an exception's <see cref="ToString"/>, which here is the sentence alone, with no stack trace.
/// </summary>
public sealed class ParameterOutOfRangeException(string message) : Exception(message)
{
    /// <summary>
    /// Empty: the sentence says what to change; where in the library it was noticed does not matter. (Empty, not
    /// null: the Jupyter kernel of dotnet-interactive 1.0.712001 never answers a cell whose exception has a null
    /// stack trace.)
    /// </summary>
    public override string StackTrace => "";

    /// <inheritdoc/>
    public override string ToString() => Message;
}
