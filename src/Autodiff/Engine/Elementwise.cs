using System.Buffers;
using Autodiff.Ops;

namespace Autodiff.Engine;

/// <summary>
/// The loops behind <see cref="UnaryElementwise{TRule}"/> and <see cref="BinaryElementwise{TRule}"/>: values and
/// derivatives element by element on raw arrays, calling the rule's one derivative on <see cref="Real"/> numbers.
/// </summary>
internal static class Elementwise
{
    public static Tensor Map<TRule>(TRule rule, Tensor x) where TRule : struct, IUnaryRule
    {
        if (x.IsScalar) return new Tensor(rule.Value(x.ScalarValue));
        ReadOnlySpan<double> xv = x.Values;
        var y = new double[xv.Length];
        for (int i = 0; i < y.Length; i++) y[i] = rule.Value(xv[i]);
        return Tensor.Owning(y, x.ShapeArray);
    }

    public static void BackwardInto<TRule>(TRule rule, Tensor x, Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
        where TRule : struct, IUnaryRule
    {
        Span<double> gx = sink.For(x);
        if (gx.IsEmpty) return;
        ReadOnlySpan<double> xv = x.Values, y = output.Values;
        for (int i = 0; i < gx.Length; i++) gx[i] += upstream[i] * rule.Derivative<Real>(xv[i], y[i]);
    }

    public static Tensor Map<TRule>(TRule rule, Tensor a, Tensor b, string name) where TRule : struct, IBinaryRule
    {
        if (a.IsScalar && b.IsScalar) return new Tensor(rule.Value(a.ScalarValue, b.ScalarValue));
        int[] shape = Shapes.Broadcast(a.ShapeArray, b.ShapeArray, name);
        var z = new double[Shapes.SizeOf(shape)];
        ReadOnlySpan<double> av = a.Values, bv = b.Values;
        if (av.Length == z.Length && bv.Length == z.Length)
        {
            for (int i = 0; i < z.Length; i++) z[i] = rule.Value(av[i], bv[i]);
            return Tensor.Owning(z, shape);
        }
        var plan = new Broadcast(shape, a.ShapeArray, b.ShapeArray);
        int length = plan.RowLength, stepA = plan.StepA, stepB = plan.StepB;
        for (int row = 0, k = 0; row < plan.Rows; row++)
        {
            int ia = plan.StartA[row], ib = plan.StartB[row];
            for (int j = 0; j < length; j++, k++, ia += stepA, ib += stepB) z[k] = rule.Value(av[ia], bv[ib]);
        }
        return Tensor.Owning(z, shape);
    }

    public static void BackwardInto<TRule>(TRule rule, Tensor a, Tensor b, Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
        where TRule : struct, IBinaryRule
    {
        Span<double> ga = sink.For(a), gb = sink.For(b);
        ReadOnlySpan<double> av = a.Values, bv = b.Values, z = output.Values;
        if (av.Length == z.Length && bv.Length == z.Length)
        {
            if (!ga.IsEmpty) for (int i = 0; i < z.Length; i++) ga[i] += upstream[i] * rule.DzDa<Real>(av[i], bv[i], z[i]);
            if (!gb.IsEmpty) for (int i = 0; i < z.Length; i++) gb[i] += upstream[i] * rule.DzDb<Real>(av[i], bv[i], z[i]);
            return;
        }
        // A broadcast input: the gradient is formed in the output's shape, then summed back to the input's shape by
        // the engine's one broadcast-reduce (Kernels.AddReduced), as for every other operation.
        // The buffer is rented, so a broadcasting step (a bias) allocates nothing.
        var plan = new Broadcast(output.ShapeArray, a.ShapeArray, b.ShapeArray);
        double[] rented = ArrayPool<double>.Shared.Rent(z.Length);
        Span<double> local = rented.AsSpan(0, z.Length);
        if (!ga.IsEmpty)
        {
            Local(rule, plan, av, bv, z, upstream, local, first: true);
            Kernels.AddReduced(local, output.ShapeArray, ga, a.ShapeArray);
        }
        if (!gb.IsEmpty)
        {
            Local(rule, plan, av, bv, z, upstream, local, first: false);
            Kernels.AddReduced(local, output.ShapeArray, gb, b.ShapeArray);
        }
        ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>local = upstream · ∂z/∂a (or ∂z/∂b), for every output element.</summary>
    private static void Local<TRule>(TRule rule, Broadcast plan, ReadOnlySpan<double> av, ReadOnlySpan<double> bv,
        ReadOnlySpan<double> z, ReadOnlySpan<double> upstream, Span<double> local, bool first) where TRule : struct, IBinaryRule
    {
        int length = plan.RowLength, stepA = plan.StepA, stepB = plan.StepB;
        for (int row = 0, k = 0; row < plan.Rows; row++)
        {
            int ia = plan.StartA[row], ib = plan.StartB[row];
            for (int j = 0; j < length; j++, k++, ia += stepA, ib += stepB)
                local[k] = upstream[k] * (first ? rule.DzDa<Real>(av[ia], bv[ib], z[k]) : rule.DzDb<Real>(av[ia], bv[ib], z[k]));
        }
    }
}
