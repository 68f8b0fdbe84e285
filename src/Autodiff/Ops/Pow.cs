using System.Globalization;

namespace Autodiff.Ops;

/// <summary>Element-wise power with a constant exponent p: y = xᵖ.</summary>
/// <remarks>dy/dx = p·xᵖ⁻¹.</remarks>
public sealed class Pow(Tensor x, double exponent) : UnaryElementwise<Pow.Rule>(x, new Rule(exponent))
{
    /// <summary>The constant exponent p.</summary>
    public double Exponent => exponent;

    /// <inheritdoc/>
    public override string Name => "Pow";
    /// <inheritdoc/>
    public override string Formula => $"y = x^{P(exponent)}";
    /// <inheritdoc/>
    public override string Derivative => $"dy/dx = {P(exponent)}·x^{P(exponent - 1)}";

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream * exponent * X.Pow(exponent - 1.0)];

    private static string P(double p) => p.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>y = xᵖ, dy/dx = p·xᵖ⁻¹.</summary>
    public readonly struct Rule(double p) : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => p == 2.0 ? x * x : Math.Pow(x, p);
        /// <inheritdoc/>
        public double Derivative(double x, double y) => p == 2.0 ? 2.0 * x : p * Math.Pow(x, p - 1.0);
    }
}
