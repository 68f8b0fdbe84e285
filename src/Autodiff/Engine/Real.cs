using Autodiff.Ops;

namespace Autodiff.Engine;

/// <summary>
/// A double as an <see cref="IReal{T}"/>: what an element-wise operation's derivative runs on in a plain backward
/// pass. Every member is one arithmetic instruction or one Math call, and the rule structs are generic over it,
/// so the JIT compiles <c>rule.Derivative&lt;Real&gt;(x, y)</c> into the same loop a hand-written double version gave
/// (measured: see README.md).
/// </summary>
internal readonly struct Real(double value) : IReal<Real>
{
    public double Value => value;

    public static implicit operator Real(double value) => new(value);
    public static implicit operator double(Real x) => x.Value;

    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);
    public static Real operator -(Real x) => new(-x.Value);

    public static Real Exp(Real x) => Math.Exp(x.Value);
    public static Real Log(Real x) => Math.Log(x.Value);
    public static Real Pow(Real x, Real p) => p.Value == 1.0 ? x : Math.Pow(x.Value, p.Value);
    public static Real Sigmoid(Real x) => default(Sigmoid.Rule).Value(x.Value);
    public static Real Max(Real x, double floor) => Math.Max(x.Value, floor);
    public static Real Step(Real x) => x.Value > 0 ? 1.0 : 0.0;
    public static Real IsZero(Real x) => x.Value == 0 ? 1.0 : 0.0;
}
