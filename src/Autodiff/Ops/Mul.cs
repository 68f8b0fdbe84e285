namespace Autodiff.Ops;

/// <summary>Element-wise product with broadcasting: z = a · b.</summary>
/// <remarks>∂z/∂a = b and ∂z/∂b = a: each input's gradient is the upstream gradient times the other input.</remarks>
public sealed class Mul(Tensor a, Tensor b) : BinaryElementwise<Mul.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Symbol => "×";
    /// <inheritdoc/>
    public override string Formula => "z = a · b";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = b,  ∂z/∂b = a";

    /// <summary>z = a · b, ∂z/∂a = b, ∂z/∂b = a.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => a * b;
        /// <inheritdoc/>
        public T DzDa<T>(T a, T b, T z) where T : IReal<T> => b;
        /// <inheritdoc/>
        public T DzDb<T>(T a, T b, T z) where T : IReal<T> => a;
    }
}
