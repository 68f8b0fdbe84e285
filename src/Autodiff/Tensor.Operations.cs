using Autodiff.Ops;

namespace Autodiff;

public sealed partial class Tensor
{
    // Arithmetic. A double on either side becomes a constant 0-d tensor, which broadcasts.

    /// <summary>Element-wise sum with broadcasting (<see cref="Ops.Add"/>).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => new Add(a, b).Apply();
    /// <inheritdoc cref="op_Addition(Tensor, Tensor)"/>
    public static Tensor operator +(Tensor a, double b) => new Add(a, new Tensor(b)).Apply();
    /// <inheritdoc cref="op_Addition(Tensor, Tensor)"/>
    public static Tensor operator +(double a, Tensor b) => new Add(new Tensor(a), b).Apply();

    /// <summary>Element-wise difference with broadcasting (<see cref="Ops.Sub"/>).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => new Sub(a, b).Apply();
    /// <inheritdoc cref="op_Subtraction(Tensor, Tensor)"/>
    public static Tensor operator -(Tensor a, double b) => new Sub(a, new Tensor(b)).Apply();
    /// <inheritdoc cref="op_Subtraction(Tensor, Tensor)"/>
    public static Tensor operator -(double a, Tensor b) => new Sub(new Tensor(a), b).Apply();

    /// <summary>Element-wise product with broadcasting (<see cref="Ops.Mul"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => new Mul(a, b).Apply();
    /// <inheritdoc cref="op_Multiply(Tensor, Tensor)"/>
    public static Tensor operator *(Tensor a, double b) => new Mul(a, new Tensor(b)).Apply();
    /// <inheritdoc cref="op_Multiply(Tensor, Tensor)"/>
    public static Tensor operator *(double a, Tensor b) => new Mul(new Tensor(a), b).Apply();

    /// <summary>Element-wise quotient with broadcasting (<see cref="Ops.Div"/>).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => new Div(a, b).Apply();
    /// <inheritdoc cref="op_Division(Tensor, Tensor)"/>
    public static Tensor operator /(Tensor a, double b) => new Div(a, new Tensor(b)).Apply();
    /// <inheritdoc cref="op_Division(Tensor, Tensor)"/>
    public static Tensor operator /(double a, Tensor b) => new Div(new Tensor(a), b).Apply();

    /// <summary>Element-wise negation (<see cref="Ops.Neg"/>).</summary>
    public static Tensor operator -(Tensor x) => new Neg(x).Apply();

    /// <summary>this + other (the named twin of <c>+</c>).</summary>
    public Tensor Add(Tensor other) => this + other;
    /// <summary>this + other.</summary>
    public Tensor Add(double other) => this + other;
    /// <summary>this − other (the named twin of <c>-</c>).</summary>
    public Tensor Sub(Tensor other) => this - other;
    /// <summary>this − other.</summary>
    public Tensor Sub(double other) => this - other;
    /// <summary>this · other (the named twin of <c>*</c>).</summary>
    public Tensor Mul(Tensor other) => this * other;
    /// <summary>this · other.</summary>
    public Tensor Mul(double other) => this * other;
    /// <summary>this / other (the named twin of <c>/</c>).</summary>
    public Tensor Div(Tensor other) => this / other;
    /// <summary>this / other.</summary>
    public Tensor Div(double other) => this / other;
    /// <summary>−this (the named twin of unary <c>-</c>).</summary>
    public Tensor Neg() => -this;

    /// <summary>Element-wise power with a constant exponent, xᵖ (<see cref="Ops.Pow"/>). C# has no <c>**</c>.</summary>
    public Tensor Pow(double exponent) => new Ops.Pow(this, exponent).Apply();
    /// <summary>Element-wise power with a tensor exponent, broadcasting (<see cref="PowTensor"/>).</summary>
    public Tensor Pow(Tensor exponent) => new PowTensor(this, exponent).Apply();

    /// <summary>Element-wise eˣ (<see cref="Ops.Exp"/>).</summary>
    public Tensor Exp() => new Ops.Exp(this).Apply();
    /// <summary>Element-wise natural logarithm (<see cref="Ops.Log"/>).</summary>
    public Tensor Log() => new Ops.Log(this).Apply();
    /// <summary>Element-wise logistic function 1/(1 + e⁻ˣ), stable at any x (<see cref="Ops.Sigmoid"/>).</summary>
    public Tensor Sigmoid() => new Ops.Sigmoid(this).Apply();
    /// <summary>Element-wise hyperbolic tangent (<see cref="Ops.Tanh"/>).</summary>
    public Tensor Tanh() => new Ops.Tanh(this).Apply();
    /// <summary>Element-wise max(x, 0) (<see cref="Ops.Relu"/>).</summary>
    public Tensor Relu() => new Ops.Relu(this).Apply();

    /// <summary>Matrix product (<see cref="Ops.MatMul"/>): 2-d × 2-d, 2-d × 1-d, 1-d × 2-d or 1-d · 1-d.</summary>
    public Tensor MatMul(Tensor other) => new Ops.MatMul(this, other).Apply();

    /// <summary>Sum of all elements, or along <paramref name="axis"/> (negative counts from the end).</summary>
    public Tensor Sum(int? axis = null, bool keepDim = false) => new Ops.Sum(this, axis, keepDim).Apply();

    /// <summary>Mean of all elements, or along <paramref name="axis"/>: the sum divided by the number of elements summed.</summary>
    public Tensor Mean(int? axis = null, bool keepDim = false)
    {
        int count = axis is int a ? ShapeArray[Check.Axis(a, Rank, nameof(axis))] : Size;
        return Sum(axis, keepDim) / count;
    }

    /// <summary>Largest element along <paramref name="axis"/>; the gradient flows to that element only (<see cref="Ops.Max"/>).</summary>
    public Tensor Max(int axis, bool keepDim = false) => new Ops.Max(this, axis, keepDim).Apply();

    /// <summary>The same values under another shape; one dimension may be −1 (<see cref="Ops.Reshape"/>).</summary>
    public Tensor Reshape(params int[] shape) => new Ops.Reshape(this, shape).Apply();

    /// <summary>The transpose of a 2-d tensor (<see cref="Ops.Transpose"/>).</summary>
    public Tensor Transpose() => new Ops.Transpose(this).Apply();

    /// <summary>Repeats this tensor along axes of size 1 (or missing) to reach <paramref name="shape"/> (<see cref="Ops.BroadcastTo"/>).</summary>
    public Tensor BroadcastTo(params int[] shape) => new Ops.BroadcastTo(this, shape).Apply();

    /// <summary>ln Σ exp along <paramref name="axis"/>, without overflow (<see cref="Ops.LogSumExp"/>).</summary>
    public Tensor LogSumExp(int axis, bool keepDim = false) => new Ops.LogSumExp(this, axis, keepDim).Apply();

    /// <summary>log softmax along <paramref name="axis"/>: x − LogSumExp(x), which stays finite where softmax underflows to 0.</summary>
    public Tensor LogSoftmax(int axis) => this - LogSumExp(axis, keepDim: true);

    /// <summary>softmax along <paramref name="axis"/>: exp(xᵢ) / Σⱼ exp(xⱼ), computed as exp(LogSoftmax) so it never overflows.</summary>
    public Tensor Softmax(int axis) => LogSoftmax(axis).Exp();

    /// <summary>Sums a gradient back to <paramref name="shape"/>, which broadcasts to this tensor's shape (<see cref="Ops.SumTo"/>).</summary>
    internal Tensor SumTo(int[] shape) => Shapes.Equal(shape, ShapeArray) ? this : new Ops.SumTo(this, shape).Apply();

    /// <summary>A constant tensor (no graph) holding f applied to each value.</summary>
    internal Tensor Map(Func<double, double> f)
    {
        var values = ToArray();
        for (int i = 0; i < values.Length; i++) values[i] = f(values[i]);
        return Owning(values, ShapeArray);
    }
}
