namespace Autodiff.Ops;

/// <summary>Element-wise logistic function: y = σ(x) = 1 / (1 + e⁻ˣ).</summary>
/// <remarks>
/// dy/dx = σ(x)·(1 − σ(x)) = y·(1 − y). Computed without overflow: for x &lt; 0 as eˣ / (1 + eˣ), so
/// σ(±1000) is exactly 1 or 0 and its gradient exactly 0, never NaN.
/// </remarks>
public sealed class Sigmoid(Tensor x) : UnaryElementwise<Sigmoid.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "σ";
    /// <inheritdoc/>
    public override string Formula => "y = 1 / (1 + e⁻ˣ)";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = y·(1 − y)";

    /// <summary>y = σ(x), dy/dx = y·(1 − y).</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x)
        {
            if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
            double e = Math.Exp(x);
            return e / (1.0 + e);
        }

        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => y * (1.0 - y);
    }
}
