namespace Autodiff.Ops;

/// <summary>Element-wise negation: y = −x.</summary>
/// <remarks>dy/dx = −1.</remarks>
public sealed class Neg(Tensor x) : UnaryElementwise<Neg.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "−x";
    /// <inheritdoc/>
    public override string Formula => "y = −x";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = −1";

    /// <summary>y = −x, dy/dx = −1.</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => -x;
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => -1.0;
    }
}
