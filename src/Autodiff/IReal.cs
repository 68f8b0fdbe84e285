namespace Autodiff;

/// <summary>
/// The arithmetic a derivative is written in. An element-wise operation states its derivative once, as a
/// generic method over <typeparamref name="T"/>, and that one line runs twice: on single numbers in a plain
/// backward pass (fast, no graph), and on tensors in <c>Backward(createGraph: true)</c> (recorded, so it can be
/// differentiated again).
/// </summary>
/// <remarks>
/// <see cref="Tensor"/> implements it with its operations; the engine's <c>Real</c> implements it for a plain
/// <see cref="double"/>. A double converts implicitly, so <c>1.0 - y * y</c> reads as written.
/// </remarks>
/// <typeparam name="T">A number or a tensor.</typeparam>
public interface IReal<T> where T : IReal<T>
{
    /// <summary>A constant.</summary>
    static abstract implicit operator T(double value);

    /// <summary>a + b.</summary>
    static abstract T operator +(T a, T b);
    /// <summary>a − b.</summary>
    static abstract T operator -(T a, T b);
    /// <summary>a · b.</summary>
    static abstract T operator *(T a, T b);
    /// <summary>a / b.</summary>
    static abstract T operator /(T a, T b);
    /// <summary>−x.</summary>
    static abstract T operator -(T x);

    /// <summary>eˣ.</summary>
    static abstract T Exp(T x);
    /// <summary>ln x.</summary>
    static abstract T Log(T x);
    /// <summary>xᵖ.</summary>
    static abstract T Pow(T x, T p);
    /// <summary>σ(x) = 1 / (1 + e⁻ˣ).</summary>
    static abstract T Sigmoid(T x);
    /// <summary>max(x, floor).</summary>
    static abstract T Max(T x, double floor);

    /// <summary>1 where x &gt; 0, else 0: a constant step, whose own derivative is 0.</summary>
    static abstract T Step(T x);
    /// <summary>1 where x = 0, else 0: a constant mask, whose own derivative is 0.</summary>
    static abstract T IsZero(T x);
}
