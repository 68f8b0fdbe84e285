namespace Autodiff.Ops;

/// <summary>Element-wise power with a tensor exponent, broadcasting: z = aᵇ.</summary>
/// <remarks>
/// <para>∂z/∂a = b·aᵇ⁻¹ and ∂z/∂b = aᵇ·ln a (NaN for a &lt; 0, as in PyTorch: only computed when b requires grad).</para>
/// <para>At a = 0 both formulas can give 0·∞ = NaN where the answer is 0. As in PyTorch, ∂z/∂a is 0 where b = 0
/// (a⁰ = 1 is constant in a), and ∂z/∂b is 0 where a = 0 and b ≥ 0 (0ᵇ is 0 or 1 there, whatever b).</para>
/// </remarks>
public sealed class PowTensor(Tensor a, Tensor b) : BinaryElementwise<PowTensor.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Formula => "z = aᵇ";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = b·aᵇ⁻¹,  ∂z/∂b = aᵇ·ln a";

    /// <inheritdoc/>
    /// <remarks>
    /// The masked elements get inputs that keep every factor finite (aᵇ⁻¹ becomes a⁰ where a = b = 0, ln a becomes
    /// ln 1 where a = 0 ≤ b), so the product is 0 there and its own derivatives (createGraph) are not NaN; elsewhere
    /// the masks are 0 and the formulas are the plain ones.
    /// </remarks>
    public override Tensor?[] Backward(Tensor upstream)
    {
        Tensor zeroBase = A.Map(a => a == 0.0 ? 1.0 : 0.0);
        Tensor zeroExponent = B.Map(b => b == 0.0 ? 1.0 : 0.0), nonNegativeExponent = B.Map(b => b >= 0.0 ? 1.0 : 0.0);
        return
        [
            A.RequiresGrad ? upstream * B * A.Pow(B - 1.0 + zeroBase * zeroExponent) : null,
            B.RequiresGrad ? upstream * A.Pow(B) * (A + zeroBase * nonNegativeExponent).Log() : null,
        ];
    }

    /// <summary>z = aᵇ, ∂z/∂a = b·aᵇ⁻¹ (0 for b = 0), ∂z/∂b = z·ln a (0 for a = 0 ≤ b).</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => Math.Pow(a, b);
        /// <inheritdoc/>
        public double DzDa(double a, double b, double z) => b == 0.0 ? 0.0 : b * Math.Pow(a, b - 1.0);
        /// <inheritdoc/>
        public double DzDb(double a, double b, double z) => a == 0.0 && b >= 0.0 ? 0.0 : z * Math.Log(a);
    }
}
