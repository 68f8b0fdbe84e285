using Autodiff.Engine;

namespace Autodiff;

// The parts of an operation that make the engine fast: how its inputs are packed, and the backward step of a pass
// that records no graph. Operation.cs has what a reader needs; README.md in this folder says why, with measurements.
public abstract partial class Operation
{
    // An operation node is a single small object: a graph of scalars holds one per value, so every field
    // counts (two references make it 32 bytes, three 40). The first input has its own field; the second
    // shares one with the inputs of a many-input operation, which are kept as an array. When the operation
    // was applied is kept by its output (Tensor.RecordedAt), which has room for it.
    private readonly Tensor _first;
    private readonly object? _rest;   // null (one input), the second input (two), or all inputs (three or more)

    private IReadOnlyList<Tensor> InputList() => _rest switch
    {
        null => [_first],
        Tensor second => [_first, second],
        _ => Array.AsReadOnly((Tensor[])_rest),
    };

    internal int ParentCount => _rest switch
    {
        null => 1,
        Tensor => 2,
        _ => ((Tensor[])_rest).Length,
    };

    internal Tensor Parent(int index) => index == 0 ? _first : _rest as Tensor ?? ((Tensor[])_rest!)[index];

    /// <summary>
    /// True for the built-in operations, whose Forward fills a new tensor from raw values (no copy of it is needed,
    /// and no graph can be recorded inside it).
    /// </summary>
    internal virtual bool ComputesRawValues => false;

    /// <summary>
    /// The backward step of a pass that records no graph: adds this operation's gradient contributions into
    /// the parents' gradient buffers, which <paramref name="sink"/> hands out. By default it runs
    /// <see cref="Backward(Tensor, Tensor)"/> under NoGrad; element-wise operations and MatMul override it to run
    /// their one derivative (stated generically, over <see cref="IReal{T}"/> or <see cref="IMatrix{TMatrix, TProduct}"/>)
    /// on raw numbers.
    /// </summary>
    internal virtual void BackwardInto(Tensor output, ReadOnlySpan<double> upstream, GradientSink sink)
    {
        Tensor?[] gradients;
        using (Autograd.NoGrad()) gradients = Backward(Tensor.Owning(upstream.ToArray(), output.ShapeArray), output);
        CheckGradientCount(gradients);
        for (int i = 0; i < ParentCount; i++)
        {
            Tensor parent = Parent(i);
            Tensor? gradient = gradients[i];
            if (gradient is null || !parent.RequiresGrad) continue;
            CheckGradientShape(i, gradient);
            Kernels.AddReduced(gradient.Values, gradient.ShapeArray, sink.For(parent), parent.ShapeArray);
        }
    }

    internal void CheckGradientCount(Tensor?[]? gradients)
    {
        if (gradients is null || gradients.Length != ParentCount)
            throw new InvalidOperationException(
                $"{Name}.Backward returned {gradients?.Length.ToString() ?? "null"} gradients, but the operation has {ParentCount} parents: return one per parent (null where none flows)");
    }

    internal void CheckGradientShape(int index, Tensor gradient)
    {
        Tensor parent = Parent(index);
        if (!Shapes.BroadcastsTo(parent.ShapeArray, gradient.ShapeArray))
            throw new InvalidOperationException(
                $"{Name}.Backward returned a gradient of shape {Shapes.Format(gradient.ShapeArray)} for parent {index} " +
                $"({parent.Describe()}): it must have the parent's shape, or a shape the parent broadcasts to");
    }

    private bool AnyParentRequiresGrad()
    {
        if (_first.RequiresGrad) return true;
        if (_rest is Tensor second) return second.RequiresGrad;
        if (_rest is Tensor[] all)
            foreach (var parent in all)
                if (parent.RequiresGrad) return true;
        return false;
    }
}
