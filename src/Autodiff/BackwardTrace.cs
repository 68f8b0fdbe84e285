using System.Globalization;
using System.Text;
using Autodiff.Graphs;

namespace Autodiff;

/// <summary>
/// A record of backward passes, step by step: which node was processed, the gradient that had arrived
/// at it, and what it passed on to each of its parents. Start one with <see cref="Autograd.TraceBackward"/>.
/// </summary>
/// <remarks>
/// Made for replaying backpropagation in a notebook, one node at a time. Steps are in the order the pass
/// processed them (reverse topological order: the output first, leaves last). Recording copies every
/// gradient, so trace small graphs.
/// </remarks>
/// <example>
/// <code>
/// using (var trace = Autograd.TraceBackward()) loss.Backward();
/// trace.Explain(a);   // "a.grad = 2 via b + 3 via c"
/// </code>
/// </example>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed class BackwardTrace : IDisposable
{
    private readonly List<BackwardStep> _steps = [];
    private readonly Action<BackwardTrace> _end;
    private volatile bool _disposed;

    internal BackwardTrace(BackwardTrace? outer, Action<BackwardTrace> end)
    {
        Outer = outer;
        _end = end;
    }

    /// <summary>The trace that was recording when this one started; it records again once this one is disposed.</summary>
    internal BackwardTrace? Outer { get; }

    internal bool IsDisposed => _disposed;

    /// <summary>Every step of every backward pass run while the trace was open, in order.</summary>
    public IReadOnlyList<BackwardStep> Steps => _steps;

    /// <summary>What each step sent to <paramref name="node"/>, in the order it arrived.</summary>
    public IReadOnlyList<GradientContribution> ContributionsTo(Tensor node) =>
        _steps.SelectMany(s => s.Contributions).Where(c => ReferenceEquals(c.To, node)).ToList();

    /// <summary>
    /// How <paramref name="node"/>'s gradient was assembled, e.g. <c>a.grad = 2 via b + 3 via c</c>:
    /// one term per node that used it (the chain rule's sum over paths).
    /// </summary>
    public string Explain(Tensor node)
    {
        Check.NotNull(node, nameof(node));
        // Written in the order the paths were built (forward order), which is how a reader traces them.
        var parts = ContributionsTo(node).Reverse().Select(c => $"{Format(c.Amount, c.To)} via {Label(c.From)}").ToList();
        if (parts.Count == 0)
        {
            var own = _steps.LastOrDefault(s => ReferenceEquals(s.Node, node));
            return own is null
                ? $"{Label(node)}.grad: no gradient reached it in the traced passes"
                : $"{Label(node)}.grad = {Format(own.Gradient, node)} (the seed of the backward pass)";
        }
        var total = _steps.LastOrDefault(s => ReferenceEquals(s.Node, node));
        string sum = string.Join(" + ", parts);
        return total is null || parts.Count == 1
            ? $"{Label(node)}.grad = {sum}"
            : $"{Label(node)}.grad = {sum} = {Format(total.Gradient, node)}";
    }

    /// <summary>Stops recording.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _end(this);
    }

    internal void Add(BackwardStep step) => _steps.Add(step);

    /// <summary>A tensor's label in explanations: its name, else the operation that made it.</summary>
    internal static string Label(Tensor tensor) =>
        tensor.Name ?? (tensor.GradFn is { } op ? $"({op.Name} result)" : $"(unnamed {Shapes.Format(tensor.ShapeArray)} leaf)");

    internal static string Format(double[] values, Tensor shapeOf) => ValueText.Of(values, shapeOf.ShapeArray);

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var step in _steps) text.AppendLine(step.ToString());
        return text.ToString().TrimEnd();
    }
}

/// <summary>One node processed by a backward pass.</summary>
/// <param name="Index">The position of the step in the trace.</param>
/// <param name="Node">The data node processed.</param>
/// <param name="Operation">The operation that produced it (null for a leaf, which passes nothing on).</param>
/// <param name="Gradient">∂L/∂node, everything this pass had gathered for the node when it was processed (row-major).</param>
/// <param name="Contributions">What the node's operation added to each parent's gradient.</param>
public sealed record BackwardStep(int Index, Tensor Node, Operation? Operation, double[] Gradient, IReadOnlyList<GradientContribution> Contributions)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        string head = $"{Index,3}. ∂L/∂{BackwardTrace.Label(Node)} = {BackwardTrace.Format(Gradient, Node)}";
        if (Operation is null) return head + "  (leaf)";
        var sent = Contributions.Select(c => $"{BackwardTrace.Label(c.To)} += {BackwardTrace.Format(c.Amount, c.To)}");
        return $"{head}  → {Operation.Name}: {string.Join(", ", sent)}";
    }
}

/// <summary>What one node's operation added to one parent's gradient.</summary>
/// <param name="From">The node whose operation sent the gradient (the output of the operation).</param>
/// <param name="To">The parent that received it.</param>
/// <param name="ParentIndex">The parent's position among the operation's inputs (the first, when it appears twice).</param>
/// <param name="Amount">The amount added: upstream gradient × local derivative, summed back to the parent's shape.</param>
/// <param name="LocalDerivative">
/// ∂From/∂To when both are single numbers and the upstream gradient is not 0 (Amount = upstream × LocalDerivative); otherwise null.
/// </param>
public sealed record GradientContribution(Tensor From, Tensor To, int ParentIndex, double[] Amount, double? LocalDerivative)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{BackwardTrace.Label(To)} += {BackwardTrace.Format(Amount, To)} via {BackwardTrace.Label(From)}" +
        (LocalDerivative is double d ? $" (local derivative {d.ToString("G6", CultureInfo.InvariantCulture)})" : "");
}
