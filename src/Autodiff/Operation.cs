namespace Autodiff;

/// <summary>
/// An operation node of the computational graph: it knows its inputs (<see cref="Parents"/>), how to compute
/// its output from them (<see cref="Forward"/>), and how a gradient flowing back into that output splits
/// into gradients for each input (<see cref="Backward(Tensor, Tensor)"/>, the chain rule applied locally).
/// </summary>
/// <example>
/// A user-defined operation is one subclass with those two members, applied in one line:
/// <code>
/// class Multiplication(Tensor a, Tensor b) : Operation(a, b)
/// {
///     public override Tensor Forward() => new(Parents[0].Item() * Parents[1].Item());
///     public override Tensor?[] Backward(Tensor upstream, Tensor output) => [upstream * Parents[1], upstream * Parents[0]];
/// }
/// Tensor z = new Multiplication(x, y).Apply();
/// </code>
/// </example>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public abstract class Operation
{
    // An operation node is a single small object: a graph of scalars holds one per value, so every field
    // counts (two references make it 40 bytes, three 48). The first input has its own field; the second
    // shares one with the inputs of a many-input operation, which are kept as an array.
    private readonly Tensor _first;
    private readonly object? _rest;   // null (one input), the second input (two), or all inputs (three or more)
    private int _appliedAt;           // fits in the padding of the subclasses' small fields: no bigger node

    /// <summary>An operation of one input.</summary>
    protected Operation(Tensor input)
    {
        Check.NotNull(input, nameof(input));
        _first = input;
    }

    /// <summary>An operation of two inputs.</summary>
    protected Operation(Tensor a, Tensor b)
    {
        Check.NotNull(a, nameof(a));
        Check.NotNull(b, nameof(b));
        _first = a;
        _rest = b;
    }

    /// <summary>An operation of any number of inputs (at least one).</summary>
    protected Operation(params Tensor[] parents)
    {
        Check.NotNull(parents, nameof(parents));
        Check.Argument(parents.Length > 0, nameof(parents), "an operation needs at least one input");
        for (int i = 0; i < parents.Length; i++)
            if (parents[i] is null) throw new ArgumentNullException(nameof(parents), $"input {i} is null");
        _first = parents[0];
        _rest = parents.Length switch
        {
            1 => null,
            2 => parents[1],
            _ => parents.Clone(),
        };
    }

    /// <summary>The inputs of this operation, in order.</summary>
    public IReadOnlyList<Tensor> Parents => _rest switch
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

    /// <summary>The in-place clock when this operation was recorded (see <see cref="InPlace"/>).</summary>
    internal int AppliedAt => _appliedAt;

    internal Tensor Parent(int index) => index == 0 ? _first : _rest as Tensor ?? ((Tensor[])_rest!)[index];

    /// <summary>The operation's name, shown in pictures and messages (the class name unless overridden).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>What the operation computes, for pictures, e.g. <c>z = a · b</c>.</summary>
    public virtual string Formula => "";

    /// <summary>Its local derivatives, for pictures, e.g. <c>∂z/∂a = b, ∂z/∂b = a</c>.</summary>
    public virtual string Derivative => "";

    /// <summary>Computes the output from the parents' values. <see cref="Apply"/> calls it with graph recording off.</summary>
    public abstract Tensor Forward();

    /// <summary>
    /// The chain rule, locally: given <paramref name="upstream"/> = ∂L/∂output and the <paramref name="output"/>
    /// this operation produced, returns ∂L/∂parent for each parent, in the order of <see cref="Parents"/> (null
    /// where no gradient flows).
    /// </summary>
    /// <remarks>
    /// <para>The output is there to be read, as micrograd's closure reads <c>out</c> and PyTorch's
    /// <c>save_for_backward</c> keeps it: the derivative of eˣ, tanh x or σ(x) is written with y, not by computing
    /// the function again.</para>
    /// <para>A returned gradient may have the output's shape when the forward pass broadcast that parent:
    /// the framework sums it back to the parent's shape, so an operation never has to.
    /// Written with tensor operations, it is itself differentiable, which is what
    /// <c>Backward(createGraph: true)</c> uses for second derivatives.</para>
    /// <para>An operation overrides this method, or the shorter <see cref="Backward(Tensor)"/> when its
    /// derivative does not need the output.</para>
    /// </remarks>
    public virtual Tensor?[] Backward(Tensor upstream, Tensor output) => Backward(upstream);

    /// <summary>The chain rule for an operation whose derivative does not need its output: see <see cref="Backward(Tensor, Tensor)"/>.</summary>
    /// <exception cref="NotImplementedException">The operation overrides neither overload.</exception>
    public virtual Tensor?[] Backward(Tensor upstream) =>
        throw new NotImplementedException(
            $"{Name} overrides neither Backward(upstream, output) nor Backward(upstream): one of them must state its derivative");

    /// <summary>Runs the operation: computes its output and, when any input requires grad, links the output to this node.</summary>
    public Tensor Apply()
    {
        bool record = Autograd.IsGradEnabled && AnyParentRequiresGrad();
        Tensor output;
        if (ComputesRawValues)
        {
            output = Forward();
        }
        else
        {
            // A user's Forward may use tensor operations: they must not become part of the graph,
            // and the tensor it returns may be one the user still holds, so the output is a copy.
            using (Autograd.NoGrad()) output = Forward();
            if (output is null) throw new InvalidOperationException($"{Name}.Forward() returned null");
            output = output.Copy();
        }
        if (record)
        {
            _appliedAt = InPlace.Now;
            output.MarkAsOutputOf(this);
        }
        if (Autograd.IsAnomalyDetectionEnabled) Anomaly.CheckForward(this, output);
        return output;
    }

    /// <summary>
    /// True for the built-in operations, whose Forward fills a new tensor from raw values and which push
    /// gradients straight into their parents' buffers (<see cref="BackwardInto"/>).
    /// </summary>
    internal virtual bool ComputesRawValues => false;

    /// <summary>
    /// The backward step of a pass that records no graph: adds this operation's gradient contributions into
    /// the parents' gradient buffers, which <paramref name="sink"/> hands out. Built-in operations override
    /// it with loops over raw values; for user-defined operations it calls <see cref="Backward(Tensor, Tensor)"/>.
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

    /// <inheritdoc/>
    public override string ToString() => string.IsNullOrEmpty(Formula) ? Name : $"{Name}: {Formula}";
}
