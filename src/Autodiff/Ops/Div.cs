namespace Autodiff.Ops;

/// <summary>Element-wise quotient with broadcasting: z = a / b.</summary>
/// <remarks>
/// ∂z/∂a = 1/b and ∂z/∂b = −a/b² = −z/b. A primitive rather than a · b⁻¹ so that it is one node, not two.
/// </remarks>
public sealed class Div(Tensor a, Tensor b) : BinaryElementwise<Div.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Symbol => "÷";
    /// <inheritdoc/>
    public override string Formula => "z = a / b";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = 1/b,  ∂z/∂b = −a/b²";

    /// <summary>z = a / b, ∂z/∂a = 1/b, ∂z/∂b = −z/b.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => a / b;
        /// <inheritdoc/>
        public T DzDa<T>(T a, T b, T z) where T : IReal<T> => 1.0 / b;
        /// <inheritdoc/>
        public T DzDb<T>(T a, T b, T z) where T : IReal<T> => -z / b;
    }
}
