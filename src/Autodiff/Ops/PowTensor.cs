namespace Autodiff.Ops;

/// <summary>Element-wise power with a tensor exponent, broadcasting: z = aᵇ.</summary>
/// <remarks>∂z/∂a = b·aᵇ⁻¹ and ∂z/∂b = aᵇ·ln a (NaN for a &lt; 0, as in PyTorch: only computed when b requires grad).</remarks>
public sealed class PowTensor(Tensor a, Tensor b) : BinaryElementwise<PowTensor.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Formula => "z = aᵇ";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = b·aᵇ⁻¹,  ∂z/∂b = aᵇ·ln a";

    /// <inheritdoc/>
    public override Tensor?[] Backward(Tensor upstream) =>
        [A.RequiresGrad ? upstream * B * A.Pow(B - 1.0) : null, B.RequiresGrad ? upstream * A.Pow(B) * A.Log() : null];

    /// <summary>z = aᵇ, ∂z/∂a = b·aᵇ⁻¹, ∂z/∂b = z·ln a.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => Math.Pow(a, b);
        /// <inheritdoc/>
        public double DzDa(double a, double b, double z) => b * Math.Pow(a, b - 1.0);
        /// <inheritdoc/>
        public double DzDb(double a, double b, double z) => z * Math.Log(a);
    }
}
