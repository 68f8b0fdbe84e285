namespace Autodiff.Ops;

/// <summary>Element-wise product with broadcasting: z = a · b.</summary>
/// <remarks>∂z/∂a = b and ∂z/∂b = a: each input's gradient is the upstream gradient times the other input.</remarks>
public sealed class Mul(Tensor a, Tensor b) : BinaryElementwise<Mul.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Formula => "z = a · b";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = b,  ∂z/∂b = a";

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) => [upstream * B, upstream * A];

    /// <summary>z = a · b, ∂z/∂a = b, ∂z/∂b = a.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => a * b;
        /// <inheritdoc/>
        public double DzDa(double a, double b, double z) => b;
        /// <inheritdoc/>
        public double DzDb(double a, double b, double z) => a;
    }
}
