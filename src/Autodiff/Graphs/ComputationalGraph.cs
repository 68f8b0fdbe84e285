using Autodiff.Engine;

namespace Autodiff.Graphs;

/// <summary>
/// The computational graph behind a tensor, as the article draws it: data nodes (tensors) and operation nodes,
/// edges from inputs to operations and from operations to their results, each data node with its role, name,
/// value and gradient, each operation with its formula and derivative. Drawing it (layout, colours) is the
/// charts' job (<c>Autodiff.Plotting</c>); the DOT and Mermaid exports hand it to other tools.
/// micrograd: <c>draw_dot</c>; PyTorch has no built-in twin (torchviz draws one).
/// </summary>
/// <remarks>
/// <para>A snapshot: values are read when asked, but gradients and the structure are those of the moment
/// <see cref="From"/> ran. Built without recursion, so graphs of any depth work; nodes are identified by
/// reference, never by value.</para>
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed partial class ComputationalGraph
{
    private readonly Dictionary<Tensor, DataNode> _dataNodes;

    private ComputationalGraph(Builder built)
    {
        Nodes = built.Nodes;
        DataNodes = built.DataNodes;
        OperationNodes = built.OperationNodes;
        _dataNodes = built.ByTensor;
        Output = built.ByTensor[built.Output];
    }

    /// <summary>Every node, in topological order: each node after all of its predecessors.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The data nodes, in topological order.</summary>
    public IReadOnlyList<DataNode> DataNodes { get; }

    /// <summary>The operation nodes, in topological order.</summary>
    public IReadOnlyList<OperationNode> OperationNodes { get; }

    /// <summary>Every edge: for each operation, one from each input (in order), then one to its output.</summary>
    /// <remarks>Made on first use (the same objects afterwards): pictures need them, a graph that is only walked does not.</remarks>
    public IReadOnlyList<GraphEdge> Edges => LazyInitializer.EnsureInitialized(ref _edges, MakeEdges);

    private GraphEdge[]? _edges;

    /// <summary>The node of the tensor the graph was built from.</summary>
    public DataNode Output { get; }

    /// <summary>The data node of <paramref name="tensor"/> (by reference), or null if it is not part of this graph.</summary>
    public DataNode? Find(Tensor tensor)
    {
        Check.NotNull(tensor, nameof(tensor));
        return _dataNodes.GetValueOrDefault(tensor);
    }

    /// <summary>
    /// The graph of everything <paramref name="output"/> was computed from, following each tensor's
    /// <see cref="Tensor.GradFn"/> back to the leaves.
    /// </summary>
    /// <param name="output">The tensor to draw, typically a loss after a forward and a backward pass.</param>
    /// <param name="parameters">
    /// The leaves to show as parameters, e.g. <c>model.Parameters()</c>; other leaves are inputs. When omitted,
    /// every leaf that requires grad counts as a parameter.
    /// </param>
    /// <remarks>
    /// Time and memory grow linearly with the graph: one pass of the library's topological sort creates each node
    /// as it is placed (its inputs were placed before it). Edges, identifiers and neighbour lists are made when
    /// first asked for rather than stored, so a million-node graph costs a few times the memory of the graph itself
    /// (bench/README.md, "Graph model").
    /// </remarks>
    public static ComputationalGraph From(Tensor output, IEnumerable<Tensor>? parameters = null)
    {
        Check.NotNull(output, nameof(output));
        HashSet<Tensor>? parameterSet = parameters is null ? null : new(parameters, ReferenceEqualityComparer.Instance);
        var builder = new Builder(output, parameterSet);
        var visitor = new Placing(builder);
        var stack = new (Tensor, int)[64];
        TopologicalSort.Run(output, ref visitor, ref stack);
        return new ComputationalGraph(builder);
    }

    private static NodeRole RoleOf(Tensor tensor, Tensor output, HashSet<Tensor>? parameters)
    {
        if (ReferenceEquals(tensor, output)) return NodeRole.Output;
        if (!tensor.IsLeaf) return NodeRole.Intermediate;
        bool isParameter = parameters?.Contains(tensor) ?? tensor.RequiresGrad;
        return isParameter ? NodeRole.Parameter : NodeRole.Input;
    }

    /// <summary>The nodes made so far, in the order the sort placed their tensors.</summary>
    private sealed class Builder(Tensor output, HashSet<Tensor>? parameters)
    {
        public readonly Tensor Output = output;
        public readonly List<GraphNode> Nodes = [];
        public readonly List<DataNode> DataNodes = [];
        public readonly List<OperationNode> OperationNodes = [];
        // Every tensor seen by the sort; its node is filled in when the sort places it.
        public readonly Dictionary<Tensor, DataNode> ByTensor = new(ReferenceEqualityComparer.Instance) { [output] = null! };

        public void Place(Tensor tensor)
        {
            OperationNode? producer = null;
            if (tensor.GradFn is { } op)
            {
                var inputs = new DataNode[op.ParentCount];
                for (int i = 0; i < inputs.Length; i++) inputs[i] = ByTensor[op.Parent(i)];
                producer = new OperationNode(OperationNodes.Count, op, inputs);
                foreach (var input in inputs) input.AddConsumer(producer);
                OperationNodes.Add(producer);
                Nodes.Add(producer);
            }
            var node = new DataNode(DataNodes.Count, RoleOf(tensor, Output, parameters), tensor) { Producer = producer };
            if (producer is not null) producer.Output = node;
            ByTensor[tensor] = node;
            DataNodes.Add(node);
            Nodes.Add(node);
        }
    }

    /// <summary>Follows every parent once (by reference), leaves that need no gradient included, and makes each node as it is placed.</summary>
    private readonly struct Placing(Builder builder) : TopologicalSort.IVisitor
    {
        public bool Follow(Tensor parent, Tensor node) => builder.ByTensor.TryAdd(parent, null!);

        public void Place(Tensor node) => builder.Place(node);
    }

    /// <summary>For each operation, an edge from each input (in order), then one to its output.</summary>
    private GraphEdge[] MakeEdges()
    {
        int count = 0;
        foreach (var op in OperationNodes) count += op.Inputs.Count + 1;
        var edges = new GraphEdge[count];
        int e = 0;
        foreach (var op in OperationNodes)
        {
            for (int i = 0; i < op.Inputs.Count; i++) edges[e++] = new GraphEdge(op.Inputs[i], op, i);
            edges[e++] = new GraphEdge(op, op.Output, null);
        }
        return edges;
    }

    /// <summary>E.g. <c>ComputationalGraph(5 data nodes, 2 operations)</c>.</summary>
    public override string ToString() => $"ComputationalGraph({DataNodes.Count} data nodes, {OperationNodes.Count} operations)";
}
