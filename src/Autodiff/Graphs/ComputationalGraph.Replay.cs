namespace Autodiff.Graphs;

public sealed partial class ComputationalGraph
{
    /// <summary>
    /// Every step of <paramref name="trace"/> that processed a node of this graph, as a frame to draw: replaying
    /// them in order shows backpropagation moving from the output to the leaves.
    /// </summary>
    /// <remarks>Meant for a trace of one backward pass through this graph: gradients so far add up every contribution in the trace.</remarks>
    public IReadOnlyList<BackwardFrame> Replay(BackwardTrace trace)
    {
        Check.NotNull(trace, nameof(trace));
        var frames = new List<BackwardFrame>();
        var gradients = new Dictionary<DataNode, double[]>(ReferenceEqualityComparer.Instance);
        var inputEdges = Edges.Where(e => e.InputIndex is not null)
            .ToDictionary(e => ((OperationNode)e.To, e.InputIndex!.Value));
        foreach (BackwardStep step in trace.Steps)
        {
            DataNode? node = Find(step.Node);
            if (node is null) continue;
            // A node that received nothing is where the pass started: its gradient is the seed.
            if (!gradients.ContainsKey(node)) gradients[node] = (double[])step.Gradient.Clone();
            var flows = new List<GradientFlow>();
            foreach (GradientContribution contribution in step.Contributions)
            {
                DataNode? input = Find(contribution.To);
                if (input is null || node.Producer is null) continue;
                GraphEdge edge = inputEdges[(node.Producer, Math.Max(contribution.ParentIndex, 0))];
                flows.Add(new GradientFlow(edge, contribution));
                gradients[input] = gradients.TryGetValue(input, out var sum)
                    ? [.. sum.Zip(contribution.Amount, (a, b) => a + b)]
                    : (double[])contribution.Amount.Clone();
            }
            frames.Add(new BackwardFrame(step, node, flows, new Dictionary<DataNode, double[]>(gradients, ReferenceEqualityComparer.Instance)));
        }
        return frames;
    }
}
