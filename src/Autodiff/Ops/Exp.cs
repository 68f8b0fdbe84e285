namespace Autodiff.Ops;

/// <summary>Element-wise exponential: y = eˣ.</summary>
/// <remarks>dy/dx = eˣ = y.</remarks>
public sealed class Exp(Tensor x) : UnaryElementwise<Exp.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "exp";
    /// <inheritdoc/>
    public override string Formula => "y = eˣ";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = eˣ";

    /// <summary>y = eˣ, dy/dx = y.</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => Math.Exp(x);
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => y;
    }
}
