namespace Autodiff.Ops;

/// <summary>Element-wise sum with broadcasting: z = a + b.</summary>
/// <remarks>∂z/∂a = 1 and ∂z/∂b = 1: the upstream gradient passes to both inputs unchanged.</remarks>
public sealed class Add(Tensor a, Tensor b) : BinaryElementwise<Add.Rule>(a, b, default)
{
    /// <inheritdoc/>
    public override string Symbol => "+";
    /// <inheritdoc/>
    public override string Formula => "z = a + b";
    /// <inheritdoc/>
    public override string Derivative => "∂z/∂a = 1,  ∂z/∂b = 1";

    /// <summary>z = a + b, ∂z/∂a = 1, ∂z/∂b = 1.</summary>
    public readonly struct Rule : IBinaryRule
    {
        /// <inheritdoc/>
        public double Value(double a, double b) => a + b;
        /// <inheritdoc/>
        public T DzDa<T>(T a, T b, T z) where T : IReal<T> => 1.0;
        /// <inheritdoc/>
        public T DzDb<T>(T a, T b, T z) where T : IReal<T> => 1.0;
    }
}
