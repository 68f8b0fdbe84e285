namespace Autodiff.Ops;

/// <summary>Element-wise natural logarithm: y = ln x.</summary>
/// <remarks>dy/dx = 1/x. ln 0 = −∞ and ln of a negative number is NaN, as in PyTorch.</remarks>
public sealed class Log(Tensor x) : UnaryElementwise<Log.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "ln";
    /// <inheritdoc/>
    public override string Formula => "y = ln x";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = 1/x";

    /// <summary>y = ln x, dy/dx = 1/x.</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => Math.Log(x);
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => 1.0 / x;
    }
}
