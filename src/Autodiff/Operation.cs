using Autodiff.Engine;

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
public abstract partial class Operation
{
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
    public IReadOnlyList<Tensor> Parents => InputList();

    /// <summary>The operation's name, shown in pictures and messages (the class name unless overridden).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>
    /// What a picture of the graph writes in the operation's node: the operator for arithmetic (<c>×</c>), a short
    /// name for the rest (<c>σ</c>, <c>exp</c>); by default the <see cref="Name"/>, cut to five characters.
    /// </summary>
    public virtual string Symbol => Name.Length <= 5 ? Name : Name[..4] + "…";

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
            output.MarkAsOutputOf(this);
        }
        if (Autograd.IsAnomalyDetectionEnabled) Anomaly.CheckForward(this, output);
        return output;
    }

    /// <inheritdoc/>
    public override string ToString() => string.IsNullOrEmpty(Formula) ? Name : $"{Name}: {Formula}";
}
