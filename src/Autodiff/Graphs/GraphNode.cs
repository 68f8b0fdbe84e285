namespace Autodiff.Graphs;

/// <summary>A node of a <see cref="ComputationalGraph"/>: a data node (<see cref="DataNode"/>) or an operation node (<see cref="OperationNode"/>).</summary>
public abstract class GraphNode
{
    // The node's position among the graph's data nodes or operations: its Id is written from it when first asked.
    private readonly int _number;
    private string? _id;

    private protected GraphNode(int number, NodeRole role)
    {
        _number = number;
        Role = role;
    }

    /// <summary>A short identifier, unique in the graph and stable for the same graph: "t0", "t1", … for data nodes, "op0", … for operations.</summary>
    public string Id => _id ??= (this is OperationNode ? "op" : "t") + _number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the node is (its colour in pictures).</summary>
    public NodeRole Role { get; }

    /// <summary>The lines of text a picture shows in this node.</summary>
    public abstract IReadOnlyList<string> Label { get; }

    /// <summary>The nodes this node's edges come from (an operation's distinct inputs; a data node's producing operation).</summary>
    public abstract IReadOnlyList<GraphNode> Predecessors { get; }

    /// <summary>The nodes this node's edges go to (the operations that use a data node, in order; an operation's output).</summary>
    public abstract IReadOnlyList<GraphNode> Successors { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id}: {string.Join(" | ", Label)}";
}

/// <summary>A data node: one tensor of the graph, with its value and gradient as they were when the graph was built.</summary>
public sealed class DataNode : GraphNode
{
    // The gradient at the time the graph was built: a 0-d one is kept as a number (a million-node graph of
    // scalars would otherwise hold a million more tensors), a larger one as a copy.
    private readonly Tensor? _gradient;
    private readonly double _scalarGradient;
    private readonly bool _hasScalarGradient;

    // The operations that use this tensor: none, one (most nodes), or a list.
    private object? _consumers;

    internal DataNode(int number, NodeRole role, Tensor tensor) : base(number, role)
    {
        Tensor = tensor;
        if (tensor.TryGetScalarGrad(out _scalarGradient)) _hasScalarGradient = true;
        else _gradient = tensor.Grad;
    }

    /// <summary>The tensor itself (the same object, not a copy).</summary>
    public Tensor Tensor { get; }

    /// <summary>The tensor's name, if it has one.</summary>
    public string? Name => Tensor.Name;

    /// <summary>The tensor's shape.</summary>
    public IReadOnlyList<int> Shape => Tensor.Shape;

    /// <summary>A copy of the tensor's values (row-major), as they are now.</summary>
    public double[] Value => Tensor.ToArray();

    /// <summary>The tensor's gradient when the graph was built (null if no backward pass had reached it).</summary>
    public Tensor? Gradient => _hasScalarGradient ? new Tensor(_scalarGradient) : _gradient;

    /// <summary>The operation that produced this tensor, null for a leaf.</summary>
    public OperationNode? Producer { get; internal set; }

    /// <inheritdoc/>
    public override IReadOnlyList<GraphNode> Predecessors => Producer is null ? [] : [Producer];

    /// <inheritdoc/>
    public override IReadOnlyList<GraphNode> Successors => _consumers switch
    {
        null => [],
        OperationNode op => [op],
        _ => ((List<OperationNode>)_consumers).ToArray(),
    };

    /// <summary>Records that <paramref name="op"/> uses this tensor (once, however many of its inputs it is).</summary>
    internal void AddConsumer(OperationNode op)
    {
        switch (_consumers)
        {
            case null: _consumers = op; break;
            case OperationNode one when one != op: _consumers = new List<OperationNode> { one, op }; break;
            case List<OperationNode> many when many[^1] != op: many.Add(op); break;
        }
    }

    /// <summary>The value as pictures show it: a number, a short list, or the shape of a large tensor.</summary>
    public string ValueText => Graphs.ValueText.Of(Tensor.ToArray(), Tensor.ShapeArray);

    /// <summary>The gradient as pictures show it, or null when there is none.</summary>
    public string? GradientText =>
        _hasScalarGradient ? Graphs.ValueText.Number(_scalarGradient)
        : _gradient is null ? null
        : Graphs.ValueText.Of(_gradient.ToArray(), _gradient.ShapeArray);

    /// <summary>The name (if any), "value …", and "grad …" (if a backward pass reached the node).</summary>
    public override IReadOnlyList<string> Label => LabelWith(GradientText);

    internal IReadOnlyList<string> LabelWith(string? gradient)
    {
        var lines = new List<string>(3);
        if (Name is not null) lines.Add(Name);
        lines.Add($"value {ValueText}");
        if (gradient is not null) lines.Add($"grad {gradient}");
        return lines;
    }
}

/// <summary>An operation node: the operation, its inputs in order, and the data node it produced.</summary>
public sealed class OperationNode : GraphNode
{
    internal OperationNode(int number, Operation operation, DataNode[] inputs) : base(number, NodeRole.Operation)
    {
        Operation = operation;
        Inputs = inputs;
    }

    /// <summary>The operation itself.</summary>
    public Operation Operation { get; }

    /// <summary>The operation's name, e.g. "Mul".</summary>
    public string Name => Operation.Name;

    /// <summary>What it computes, e.g. <c>z = a · b</c> (empty if the operation does not say).</summary>
    public string Formula => Operation.Formula;

    /// <summary>Its local derivatives, e.g. <c>∂z/∂a = b,  ∂z/∂b = a</c> (empty if the operation does not say).</summary>
    public string Derivative => Operation.Derivative;

    /// <summary>The inputs, in the operation's order (a tensor used twice appears twice).</summary>
    public IReadOnlyList<DataNode> Inputs { get; }

    /// <summary>The data node it produced.</summary>
    public DataNode Output { get; internal set; } = null!;

    /// <inheritdoc/>
    public override IReadOnlyList<GraphNode> Predecessors => Inputs.Distinct().ToArray();

    /// <inheritdoc/>
    public override IReadOnlyList<GraphNode> Successors => [Output];

    /// <summary>The name.</summary>
    public override IReadOnlyList<string> Label => [Name];
}

/// <summary>An edge of the graph: from an input data node to an operation, or from an operation to its output.</summary>
/// <param name="From">Where the edge starts.</param>
/// <param name="To">Where it ends.</param>
/// <param name="InputIndex">For an edge into an operation, the input's position among the operation's inputs; otherwise null.</param>
public sealed record GraphEdge(GraphNode From, GraphNode To, int? InputIndex);
