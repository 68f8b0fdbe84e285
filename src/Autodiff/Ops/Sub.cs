namespace Autodiff.Ops;

/// <summary>Element-wise difference with broadcasting: z = a − b.</summary>
/// <remarks>∂z/∂a = 1 and ∂z/∂b = −1. A primitive rather than a + (−b) so that it is one node, not two.</remarks>
public sealed class Sub(Tensor a, Tensor b) : BinaryElementwise<Sub.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Symbol => "−";
    /// <inheritdoc/>
    public override string Formula => "z = a − b";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = 1,  ∂z/∂b = −1";

    /// <summary>z = a − b, ∂z/∂a = 1, ∂z/∂b = −1.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => a - b;
        /// <inheritdoc/>
        public T DzDa<T>(T a, T b, T z) where T : IReal<T> => 1.0;
        /// <inheritdoc/>
        public T DzDb<T>(T a, T b, T z) where T : IReal<T> => -1.0;
    }
}
