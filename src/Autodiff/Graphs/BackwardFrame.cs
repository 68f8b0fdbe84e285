namespace Autodiff.Graphs;

/// <summary>
/// One step of a traced backward pass, placed on a <see cref="ComputationalGraph"/>: the node being processed,
/// its operation, the gradients flowing from it to its inputs along the graph's edges, and every node's gradient
/// as gathered so far. Made with <see cref="ComputationalGraph.Replay(BackwardTrace)"/>; pass it to
/// <see cref="ComputationalGraph.ToDot(BackwardFrame?, GraphPalette?)"/> or <see cref="ComputationalGraph.ToMermaid(BackwardFrame?, GraphPalette?)"/>
/// to draw that moment of backpropagation.
/// </summary>
public sealed class BackwardFrame
{
    private readonly Dictionary<DataNode, double[]> _gradients;

    internal BackwardFrame(BackwardStep step, DataNode node, IReadOnlyList<GradientFlow> flows, Dictionary<DataNode, double[]> gradients)
    {
        Step = step;
        Node = node;
        Flows = flows;
        _gradients = gradients;
    }

    /// <summary>The step of the trace.</summary>
    public BackwardStep Step { get; }

    /// <summary>The data node being processed.</summary>
    public DataNode Node { get; }

    /// <summary>The operation that produced it, which turns its gradient into its inputs' gradients (null for a leaf).</summary>
    public OperationNode? Operation => Node.Producer;

    /// <summary>What this step sends to each input, with the edge it flows along.</summary>
    public IReadOnlyList<GradientFlow> Flows { get; }

    /// <summary>The gradient <paramref name="node"/> has gathered up to and including this step (row-major), or null if none has reached it yet.</summary>
    public double[]? GradientSoFar(DataNode node)
    {
        Check.NotNull(node, nameof(node));
        return _gradients.TryGetValue(node, out var gradient) ? (double[])gradient.Clone() : null;
    }

    internal string? GradientTextSoFar(DataNode node) =>
        _gradients.TryGetValue(node, out var gradient) ? ValueText.Of(gradient, node.Tensor.ShapeArray) : null;

    /// <summary>E.g. <c>step 2 at t2 (Mul): w += -2, x += 3</c>.</summary>
    public override string ToString() =>
        $"step {Step.Index} at {Node.Id}" + (Operation is null ? " (leaf)" : $" ({Operation.Name}): ") +
        string.Join(", ", Flows.Select(f => $"{f.Contribution.To.Name ?? ((DataNode)f.Edge.From).Id} += {ValueText.Of(f.Contribution.Amount, f.Contribution.To.ShapeArray)}"));
}

/// <summary>A gradient flowing back along an edge: from an operation to one of its inputs.</summary>
/// <param name="Edge">The edge from the input to the operation (the gradient travels it backwards).</param>
/// <param name="Contribution">What was added to the input's gradient.</param>
public sealed record GradientFlow(GraphEdge Edge, GradientContribution Contribution);
