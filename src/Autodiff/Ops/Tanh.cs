namespace Autodiff.Ops;

/// <summary>Element-wise hyperbolic tangent: y = tanh x.</summary>
/// <remarks>dy/dx = 1 − tanh² x = 1 − y².</remarks>
public sealed class Tanh(Tensor x) : UnaryElementwise<Tanh.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "tanh";
    /// <inheritdoc/>
    public override string Formula => "y = tanh x";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = 1 − y²";

    /// <summary>y = tanh x, dy/dx = 1 − y².</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => Math.Tanh(x);
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => 1.0 - y * y;
    }
}
