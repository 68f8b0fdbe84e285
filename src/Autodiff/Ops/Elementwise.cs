namespace Autodiff.Ops;

/// <summary>An element-wise function of one input: its value and its derivative, side by side.</summary>
/// <remarks>Implemented by small structs, so the loops over elements are compiled with the rule inlined.</remarks>
public interface IUnaryRule
{
    /// <summary>y = f(x).</summary>
    double Value(double x);

    /// <summary>dy/dx, given x and the already computed y.</summary>
    double Derivative(double x, double y);
}

/// <summary>An element-wise function of two inputs: its value and both partial derivatives, side by side.</summary>
public interface IBinaryRule
{
    /// <summary>z = f(a, b).</summary>
    double Value(double a, double b);

    /// <summary>∂z/∂a, given a, b and the already computed z.</summary>
    double DzDa(double a, double b, double z);

    /// <summary>∂z/∂b, given a, b and the already computed z.</summary>
    double DzDb(double a, double b, double z);
}

/// <summary>An operation applying <typeparamref name="TRule"/> to every element of its input.</summary>
public abstract class UnaryElementwise<TRule>(Tensor x, TRule rule) : Operation(x) where TRule : struct, IUnaryRule
{
    /// <summary>The input.</summary>
    protected Tensor X => Parent(0);

    internal sealed override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public sealed override Tensor Forward()
    {
        Tensor x = X;
        if (x.IsScalar) return new Tensor(rule.Value(x.ScalarValue));
        var y = new double[x.Size];
        Map(x.Values, y);
        return Tensor.Owning(y, x.ShapeArray);
    }

    /// <summary>y[i] = f(x[i]) for all i; an operation may override it with a vectorised kernel.</summary>
    private protected virtual void Map(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = rule.Value(x[i]);
    }

    internal sealed override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
    {
        Span<double> gx = sink.For(X);
        if (gx.IsEmpty) return;
        ReadOnlySpan<double> x = X.Values, y = output.Values;
        for (int i = 0; i < gx.Length; i++) gx[i] += upstream[i] * rule.Derivative(x[i], y[i]);
    }
}

/// <summary>An operation applying <typeparamref name="TRule"/> to pairs of elements of two inputs, with NumPy broadcasting.</summary>
public abstract class BinaryElementwise<TRule>(Tensor a, Tensor b, TRule rule) : Operation(a, b) where TRule : struct, IBinaryRule
{
    /// <summary>The first input.</summary>
    protected Tensor A => Parent(0);

    /// <summary>The second input.</summary>
    protected Tensor B => Parent(1);

    internal sealed override bool ComputesRawValues => true;

    /// <inheritdoc/>
    public sealed override Tensor Forward()
    {
        Tensor a = A, b = B;
        if (a.IsScalar && b.IsScalar) return new Tensor(rule.Value(a.ScalarValue, b.ScalarValue));
        int[] shape = Shapes.Broadcast(a.ShapeArray, b.ShapeArray, Name);
        var z = new double[Shapes.SizeOf(shape)];
        ReadOnlySpan<double> av = a.Values, bv = b.Values;
        if (av.Length == z.Length && bv.Length == z.Length)
        {
            for (int i = 0; i < z.Length; i++) z[i] = rule.Value(av[i], bv[i]);
        }
        else
        {
            var plan = new Broadcast(shape, a.ShapeArray, b.ShapeArray);
            int length = plan.RowLength, stepA = plan.StepA, stepB = plan.StepB;
            for (int row = 0, k = 0; row < plan.Rows; row++)
            {
                int ia = plan.StartA[row], ib = plan.StartB[row];
                for (int j = 0; j < length; j++, k++, ia += stepA, ib += stepB) z[k] = rule.Value(av[ia], bv[ib]);
            }
        }
        return Tensor.Owning(z, shape);
    }

    internal sealed override void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
    {
        Span<double> ga = sink.For(A), gb = sink.For(B);
        ReadOnlySpan<double> av = A.Values, bv = B.Values, z = output.Values;
        if (av.Length == z.Length && bv.Length == z.Length)
        {
            if (!ga.IsEmpty) for (int i = 0; i < z.Length; i++) ga[i] += upstream[i] * rule.DzDa(av[i], bv[i], z[i]);
            if (!gb.IsEmpty) for (int i = 0; i < z.Length; i++) gb[i] += upstream[i] * rule.DzDb(av[i], bv[i], z[i]);
            return;
        }
        // Broadcast: an input element used for several outputs receives the sum of their gradients.
        var plan = new Broadcast(output.ShapeArray, A.ShapeArray, B.ShapeArray);
        int length = plan.RowLength, stepA = plan.StepA, stepB = plan.StepB;
        for (int row = 0, k = 0; row < plan.Rows; row++)
        {
            int ia = plan.StartA[row], ib = plan.StartB[row];
            for (int j = 0; j < length; j++, k++, ia += stepA, ib += stepB)
            {
                if (!ga.IsEmpty) ga[ia] += upstream[k] * rule.DzDa(av[ia], bv[ib], z[k]);
                if (!gb.IsEmpty) gb[ib] += upstream[k] * rule.DzDb(av[ia], bv[ib], z[k]);
            }
        }
    }
}
