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

    private ComputationalGraph(List<GraphNode> nodes, List<GraphEdge> edges, Dictionary<Tensor, DataNode> dataNodes, DataNode output)
    {
        Nodes = nodes;
        Edges = edges;
        _dataNodes = dataNodes;
        Output = output;
        DataNodes = [.. nodes.OfType<DataNode>()];
        OperationNodes = [.. nodes.OfType<OperationNode>()];
    }

    /// <summary>Every node, in topological order: each node after all of its predecessors.</summary>
    public IReadOnlyList<GraphNode> Nodes { get; }

    /// <summary>The data nodes, in topological order.</summary>
    public IReadOnlyList<DataNode> DataNodes { get; }

    /// <summary>The operation nodes, in topological order.</summary>
    public IReadOnlyList<OperationNode> OperationNodes { get; }

    /// <summary>Every edge: for each operation, one from each input (in order), then one to its output.</summary>
    public IReadOnlyList<GraphEdge> Edges { get; }

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
    public static ComputationalGraph From(Tensor output, IEnumerable<Tensor>? parameters = null)
    {
        Check.NotNull(output, nameof(output));
        HashSet<Tensor>? parameterSet = parameters is null ? null : new(parameters, ReferenceEqualityComparer.Instance);
        List<Tensor> order = TopologicalOrder(output);

        var nodes = new List<GraphNode>(2 * order.Count);
        var edges = new List<GraphEdge>();
        var dataNodes = new Dictionary<Tensor, DataNode>(order.Count, ReferenceEqualityComparer.Instance);
        int operations = 0;
        foreach (Tensor tensor in order)
        {
            OperationNode? producer = null;
            if (tensor.GradFn is { } op)
            {
                producer = new OperationNode($"op{operations++}", op);
                var inputs = new DataNode[op.ParentCount];
                for (int i = 0; i < inputs.Length; i++)
                {
                    inputs[i] = dataNodes[op.Parent(i)];
                    Connect(inputs[i], producer, i, edges);
                }
                producer.Inputs = inputs;
                nodes.Add(producer);
            }
            var node = new DataNode($"t{dataNodes.Count}", RoleOf(tensor, output, parameterSet), tensor) { Producer = producer };
            dataNodes.Add(tensor, node);
            nodes.Add(node);
            if (producer is not null)
            {
                producer.Output = node;
                Connect(producer, node, null, edges);
            }
        }

        return new ComputationalGraph(nodes, edges, dataNodes, dataNodes[output]);
    }

    private static NodeRole RoleOf(Tensor tensor, Tensor output, HashSet<Tensor>? parameters)
    {
        if (ReferenceEquals(tensor, output)) return NodeRole.Output;
        if (!tensor.IsLeaf) return NodeRole.Intermediate;
        bool isParameter = parameters?.Contains(tensor) ?? tensor.RequiresGrad;
        return isParameter ? NodeRole.Parameter : NodeRole.Input;
    }

    private static void Connect(GraphNode from, GraphNode to, int? inputIndex, List<GraphEdge> edges)
    {
        edges.Add(new GraphEdge(from, to, inputIndex));
        if (!from.SuccessorList.Contains(to)) from.SuccessorList.Add(to);
        if (!to.PredecessorList.Contains(from)) to.PredecessorList.Add(from);
    }

    /// <summary>Every tensor <paramref name="output"/> depends on, each after its parents (the library's one sort, no recursion).</summary>
    private static List<Tensor> TopologicalOrder(Tensor output)
    {
        var visitor = new Everything([], new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { output });
        var stack = new (Tensor, int)[64];
        TopologicalSort.Run(output, ref visitor, ref stack);
        return visitor.Order;
    }

    /// <summary>Follows every parent once (a set by reference), leaves that need no gradient included.</summary>
    private readonly struct Everything(List<Tensor> order, HashSet<Tensor> seen) : TopologicalSort.IVisitor
    {
        public List<Tensor> Order => order;

        public bool Follow(Tensor parent, Operation op) => seen.Add(parent);

        public void Place(Tensor node) => order.Add(node);
    }

    /// <summary>E.g. <c>ComputationalGraph(5 data nodes, 2 operations)</c>.</summary>
    public override string ToString() => $"ComputationalGraph({DataNodes.Count} data nodes, {OperationNodes.Count} operations)";
}
