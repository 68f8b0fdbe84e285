using Autodiff.Ops;

namespace Autodiff.Losses;

/// <summary>
/// The binary cross-entropy of each probability p against its label y, with the logarithms clamped at −100 as
/// PyTorch's <c>BCELoss</c> clamps them: ℓ = −[y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100)].
/// </summary>
/// <remarks>
/// <para>∂ℓ/∂p = (p − y) / (p·(1 − p)) and ∂ℓ/∂y = ln(1 − p) − ln p.</para>
/// <para>A primitive rather than a composition of Log, Mul and Sub because of p = 0 and p = 1, which a sigmoid
/// reaches in floating point: there ln p = −∞, and composed, the gradient would be 0·∞ = NaN. Clamped, the
/// loss is at most 100 per element, and the gradient divides by max(p·(1 − p), 10⁻¹²), as PyTorch's backward
/// does, so a confident wrong prediction gets a huge but finite push.</para>
/// </remarks>
internal sealed class BinaryCrossEntropyTerm(Tensor p, Tensor y) : BinaryElementwise<BinaryCrossEntropyTerm.Rule>(p, y, default)
{
    internal const double LogFloor = -100.0;
    internal const double Epsilon = 1e-12;

    public override string Name => "BinaryCrossEntropy";
    public override string Symbol => "BCE";
    public override string Formula => "ℓ = −[y·ln p + (1 − y)·ln(1 − p)]";
    public override string Derivative => "∂ℓ/∂p = (p − y) / (p·(1 − p)),  ∂ℓ/∂y = ln(1 − p) − ln p";

    /// <summary>ℓ(p, y), ∂ℓ/∂p, ∂ℓ/∂y.</summary>
    internal readonly struct Rule : IBinaryRule
    {
        public double Value(double p, double y) => -(y * ClampedLog(p) + (1.0 - y) * ClampedLog(1.0 - p));

        public T DzDa<T>(T p, T y, T loss) where T : IReal<T> => (p - y) / T.Max(p * (1.0 - p), Epsilon);

        public T DzDb<T>(T p, T y, T loss) where T : IReal<T> => ClampedLog(1.0 - p) - ClampedLog(p);

        private static double ClampedLog(double x) => Math.Max(Math.Log(x), LogFloor);

        private static T ClampedLog<T>(T x) where T : IReal<T> => T.Max(T.Log(x), LogFloor);
    }
}
