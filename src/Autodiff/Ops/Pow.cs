using System.Globalization;

namespace Autodiff.Ops;

/// <summary>Element-wise power with a constant exponent p: y = xᵖ.</summary>
/// <remarks>
/// dy/dx = p·xᵖ⁻¹, and 0 for p = 0 (x⁰ = 1 is constant), also at x = 0, where the formula would give 0·∞ = NaN.
/// PyTorch uses the same convention.
/// </remarks>
public sealed class Pow(Tensor x, double exponent) : UnaryElementwise<Pow.Rule>(x, new Rule(exponent))
{
    /// <summary>The constant exponent p.</summary>
    public double Exponent => exponent;

    /// <inheritdoc/>
    public override string Symbol => "xⁿ";
    /// <inheritdoc/>
    public override string Formula => $"y = x^{P(exponent)}";
    /// <inheritdoc/>
    public override string Derivative => exponent == 0.0 ? "dy/dx = 0" : $"dy/dx = {P(exponent)}·x^{P(exponent - 1)}";

    private static string P(double p) => p.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>y = xᵖ, dy/dx = p·xᵖ⁻¹ (0 for p = 0).</summary>
    public readonly struct Rule(double p) : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => p == 2.0 ? x * x : Math.Pow(x, p);
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => p == 0.0 ? 0.0 : p * T.Pow(x, p - 1.0);
    }
}
