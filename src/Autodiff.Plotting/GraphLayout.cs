using Autodiff.Graphs;

namespace Autodiff.Plotting;

/// <summary>
/// Where each node of a <see cref="ComputationalGraph"/> goes in a picture: a column (<see cref="Layer"/>) from the
/// leaves on the left to the output on the right, and a row (<see cref="Y"/>) centred on 0 within its column.
/// </summary>
/// <remarks>
/// A node's layer is one more than the layer of its deepest predecessor (operations and data nodes alternate),
/// except that a leaf is moved right to just before the first operation that uses it, so a bias enters next to the
/// addition it takes part in. Within a layer, nodes start in topological order and are then reordered by the mean
/// position of their neighbours (two sweeps each way, the barycenter heuristic), which removes most crossings of
/// small graphs. Everything is deterministic.
/// </remarks>
public sealed class GraphLayout
{
    private readonly Dictionary<GraphNode, (int Layer, int Order, double Y)> _places;

    private GraphLayout(Dictionary<GraphNode, (int, int, double)> places, int layerCount)
    {
        _places = places;
        LayerCount = layerCount;
    }

    /// <summary>The number of columns.</summary>
    public int LayerCount { get; }

    /// <summary>The column of <paramref name="node"/>, from 0 (leftmost).</summary>
    public int Layer(GraphNode node) => _places[node].Layer;

    /// <summary>The position of <paramref name="node"/> within its column, from 0 (top).</summary>
    public int Order(GraphNode node) => _places[node].Order;

    /// <summary>The vertical coordinate of <paramref name="node"/>: its order shifted so that each column is centred on 0.</summary>
    public double Y(GraphNode node) => _places[node].Y;

    /// <summary>The layout of <paramref name="graph"/>.</summary>
    public static GraphLayout Of(ComputationalGraph graph)
    {
        Check.NotNull(graph, nameof(graph));
        var nodes = graph.Nodes;
        var layer = new Dictionary<GraphNode, int>(ReferenceEqualityComparer.Instance);
        var order = new Dictionary<GraphNode, int>(ReferenceEqualityComparer.Instance);
        foreach (GraphNode node in nodes)
            layer[node] = node.Predecessors.Count == 0 ? 0 : node.Predecessors.Max(p => layer[p]) + 1;
        foreach (GraphNode node in nodes)
            if (node.Predecessors.Count == 0 && node.Successors.Count > 0)
                layer[node] = node.Successors.Min(s => layer[s]) - 1;

        var layers = nodes.GroupBy(n => layer[n]).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        foreach (var column in layers) Number(column, order);
        for (int round = 0; round < 2; round++)
        {
            for (int l = 1; l < layers.Count; l++) Reorder(layers[l], n => n.Predecessors, order);
            for (int l = layers.Count - 2; l >= 0; l--) Reorder(layers[l], n => n.Successors, order);
        }
        var places = new Dictionary<GraphNode, (int, int, double)>(ReferenceEqualityComparer.Instance);
        foreach (var column in layers)
            foreach (GraphNode node in column)
                places[node] = (layer[node], order[node], order[node] - (column.Count - 1) / 2.0);
        return new GraphLayout(places, layers.Count);
    }

    /// <summary>Sorts a layer by the mean position of each node's neighbours; a node without neighbours there keeps its place.</summary>
    private static void Reorder(List<GraphNode> column, Func<GraphNode, IReadOnlyList<GraphNode>> neighbours, Dictionary<GraphNode, int> order)
    {
        double Key(GraphNode n) => neighbours(n) is { Count: > 0 } list ? list.Average(m => order[m]) : order[n];
        var sorted = column.Select(n => (Node: n, Key: Key(n))).OrderBy(x => x.Key).ThenBy(x => order[x.Node]).Select(x => x.Node).ToList();
        column.Clear();
        column.AddRange(sorted);
        Number(column, order);
    }

    private static void Number(List<GraphNode> column, Dictionary<GraphNode, int> order)
    {
        for (int i = 0; i < column.Count; i++) order[column[i]] = i;
    }
}
