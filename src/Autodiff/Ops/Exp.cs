namespace Autodiff.Ops;

/// <summary>Element-wise exponential: y = eˣ.</summary>
/// <remarks>dy/dx = eˣ = y.</remarks>
public sealed class Exp(Tensor x) : UnaryElementwise<Exp.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Formula => "y = eˣ";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = eˣ";

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream * X.Exp()];

    /// <summary>y = eˣ, dy/dx = y.</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => Math.Exp(x);
        /// <inheritdoc/>
        public double Derivative(double x, double y) => y;
    }
}
