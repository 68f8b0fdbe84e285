namespace Autodiff.Graphs;

/// <summary>
/// The colours a text export (<see cref="ComputationalGraph.ToDot"/>, <see cref="ComputationalGraph.ToMermaid"/>)
/// paints with, as CSS hex colours. The core has no colours of its own: without a palette the exports name each
/// node's role (a Graphviz or Mermaid class) and mark the active step of a replay by a thicker outline only.
/// The article's colours are <c>Autodiff.Plotting.NodeColors.Palette</c>.
/// </summary>
/// <param name="Parameter">The fill of a parameter.</param>
/// <param name="Input">The fill of an input.</param>
/// <param name="Intermediate">The fill of an intermediate result.</param>
/// <param name="Output">The fill of the output.</param>
/// <param name="Operation">The fill of an operation node.</param>
/// <param name="Active">The outline of the active node of a replay step and the colour of the gradients it sends.</param>
/// <param name="Outline">The outline of the other nodes.</param>
/// <param name="Text">The text in a node.</param>
public sealed record GraphPalette(
    string Parameter, string Input, string Intermediate, string Output, string Operation,
    string Active, string Outline, string Text)
{
    /// <summary>The fill of a node of <paramref name="role"/>.</summary>
    public string Of(NodeRole role) => role switch
    {
        NodeRole.Parameter => Parameter,
        NodeRole.Input => Input,
        NodeRole.Intermediate => Intermediate,
        NodeRole.Output => Output,
        NodeRole.Operation => Operation,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };
}
