using Autodiff.Ops;

namespace Autodiff.Losses;

/// <summary>
/// Binary cross-entropy of σ(z) against y, computed from the score z without forming σ(z):
/// ℓ = max(z, 0) − z·y + ln(1 + e^−|z|).
/// </summary>
/// <remarks>
/// <para>∂ℓ/∂z = σ(z) − y and ∂ℓ/∂y = −z.</para>
/// <para>A primitive because the stable formula uses max and |z|, whose kinks at z = 0 would make a composed
/// gradient wrong exactly where a freshly initialised model starts (at z = 0 it must be ½ − y). No exponential
/// of a positive number is taken, so z = ±1000 gives finite values and gradients.</para>
/// </remarks>
internal sealed class BinaryCrossEntropyWithLogitsTerm(Tensor z, Tensor y)
    : BinaryElementwise<BinaryCrossEntropyWithLogitsTerm.Rule>(z, y, default)
{
    public override string Name => "BinaryCrossEntropyWithLogits";
    public override string Symbol => "BCEσ";
    public override string Formula => "ℓ = max(z, 0) − z·y + ln(1 + e^−|z|)";
    public override string Derivative => "∂ℓ/∂z = σ(z) − y,  ∂ℓ/∂y = −z";

    /// <summary>ℓ(z, y), ∂ℓ/∂z, ∂ℓ/∂y.</summary>
    internal readonly struct Rule : IBinaryRule
    {
        public double Value(double z, double y) => Math.Max(z, 0.0) - z * y + Math.Log(1.0 + Math.Exp(-Math.Abs(z)));

        public T DzDa<T>(T z, T y, T loss) where T : IReal<T> => T.Sigmoid(z) - y;

        public T DzDb<T>(T z, T y, T loss) where T : IReal<T> => -z;
    }
}
