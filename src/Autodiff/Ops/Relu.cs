namespace Autodiff.Ops;

/// <summary>Element-wise rectifier: y = max(x, 0).</summary>
/// <remarks>dy/dx = 1 for x &gt; 0, else 0 (at x = 0 too, as in PyTorch). NaN stays NaN.</remarks>
public sealed class Relu(Tensor x) : UnaryElementwise<Relu.Rule>(x, default)
{
    /// <inheritdoc/>
    public override string Symbol => "ReLU";
    /// <inheritdoc/>
    public override string Formula => "y = max(x, 0)";
    /// <inheritdoc/>
    public override string Derivative => "dy/dx = 1 if x > 0, else 0";

    /// <summary>y = max(x, 0), dy/dx = [x &gt; 0].</summary>
    public readonly struct Rule : IUnaryRule
    {
        /// <inheritdoc/>
        public double Value(double x) => Math.Max(x, 0.0);
        /// <inheritdoc/>
        public T Derivative<T>(T x, T y) where T : IReal<T> => T.Step(x);
    }
}
