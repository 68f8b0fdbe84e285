using Autodiff.Engine;

namespace Autodiff.Ops;

/// <summary>An element-wise function of one input: its value, and its derivative stated once.</summary>
/// <remarks>
/// The derivative is generic over <see cref="IReal{T}"/>: a plain backward pass runs it on each element's numbers,
/// <c>Backward(createGraph: true)</c> runs the same line on whole tensors. Implemented by small structs, so the
/// loops over elements are compiled with the rule inlined.
/// </remarks>
public interface IUnaryRule
{
    /// <summary>y = f(x).</summary>
    double Value(double x);

    /// <summary>dy/dx, given x and the output y (read it instead of computing f again).</summary>
    T Derivative<T>(T x, T y) where T : IReal<T>;
}

/// <summary>An element-wise function of two inputs: its value, and both partial derivatives stated once.</summary>
public interface IBinaryRule
{
    /// <summary>z = f(a, b).</summary>
    double Value(double a, double b);

    /// <summary>∂z/∂a, given a, b and the output z.</summary>
    T DzDa<T>(T a, T b, T z) where T : IReal<T>;

    /// <summary>∂z/∂b, given a, b and the output z.</summary>
    T DzDb<T>(T a, T b, T z) where T : IReal<T>;
}

/// <summary>An operation applying <typeparamref name="TRule"/> to every element of its input.</summary>
public abstract class UnaryElementwise<TRule>(Tensor x, TRule rule) : Operation(x) where TRule : struct, IUnaryRule
{
    /// <summary>The input.</summary>
    protected Tensor X => Parent(0);

    /// <inheritdoc/>
    public sealed override Tensor Forward() => Elementwise.Map(rule, X);

    /// <summary>∂L/∂x = ∂L/∂y · dy/dx, with the rule's derivative.</summary>
    public sealed override Tensor?[] Backward(Tensor upstream, Tensor output) => [upstream * rule.Derivative(X, output)];

    internal sealed override bool ComputesRawValues => true;

    internal sealed override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink) =>
        Elementwise.BackwardInto(rule, X, output, upstream, sink);
}

/// <summary>An operation applying <typeparamref name="TRule"/> to pairs of elements of two inputs, with NumPy broadcasting.</summary>
/// <remarks>A gradient that flows into a broadcast input is summed back to that input's shape by the engine, never here.</remarks>
public abstract class BinaryElementwise<TRule>(Tensor a, Tensor b, TRule rule) : Operation(a, b) where TRule : struct, IBinaryRule
{
    /// <summary>The first input.</summary>
    protected Tensor A => Parent(0);

    /// <summary>The second input.</summary>
    protected Tensor B => Parent(1);

    /// <inheritdoc/>
    public sealed override Tensor Forward() => Elementwise.Map(rule, A, B, Name);

    /// <summary>∂L/∂a = ∂L/∂z · ∂z/∂a and ∂L/∂b = ∂L/∂z · ∂z/∂b, with the rule's derivatives.</summary>
    public sealed override Tensor?[] Backward(Tensor upstream, Tensor output) =>
    [
        A.RequiresGrad ? upstream * rule.DzDa(A, B, output) : null,
        B.RequiresGrad ? upstream * rule.DzDb(A, B, output) : null,
    ];

    internal sealed override bool ComputesRawValues => true;

    internal sealed override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink) =>
        Elementwise.BackwardInto(rule, A, B, output, upstream, sink);
}
