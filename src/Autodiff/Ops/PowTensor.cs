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
    public override string Symbol => "xⁿ";
    /// <inheritdoc/>
    public override string Formula => "z = aᵇ";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = b·aᵇ⁻¹,  ∂z/∂b = aᵇ·ln a";

    /// <summary>z = aᵇ, ∂z/∂a = b·aᵇ⁻¹ (0 for b = 0), ∂z/∂b = z·ln a (0 for a = 0 ≤ b).</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => Math.Pow(a, b);
        /// <inheritdoc/>
        public T DzDa<T>(T a, T b, T z) where T : IReal<T> => b * T.Pow(a, b - 1.0 + T.IsZero(a) * T.IsZero(b));
        /// <inheritdoc/>
        public T DzDb<T>(T a, T b, T z) where T : IReal<T> => z * T.Log(a + T.IsZero(a) * (1.0 - T.Step(-b)));
    }
}
