using System.Text;

namespace Autodiff.Graphs;

public sealed partial class ComputationalGraph
{
    private const string ActiveColor = "#D0021B";

    /// <summary>
    /// The graph in Graphviz's DOT language (render with <c>dot -Tsvg</c>): data nodes as boxes coloured by role,
    /// showing name, value and gradient; operations as grey ellipses with the formula and derivative as tooltip;
    /// left to right (Graphviz places the nodes).
    /// </summary>
    /// <param name="frame">
    /// A step of a traced backward pass (see <see cref="Replay"/>): then the gradients shown are those gathered
    /// so far, the active node and its operation are outlined in red, and the gradients it sends label the edges.
    /// </param>
    public string ToDot(BackwardFrame? frame = null)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ComputationalGraph {\n");
        dot.Append("  rankdir=LR;\n");
        dot.Append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        foreach (GraphNode node in Nodes)
        {
            dot.Append($"  {node.Id} [label=\"{string.Join("\\n", LabelOf(node, frame).Select(DotEscape))}\"");
            if (node is OperationNode op)
            {
                dot.Append($", shape=ellipse, style=filled, fillcolor=\"{NodeColors.Operation}\"");
                string tooltip = string.Join("\\n", new[] { op.Formula, op.Derivative }.Where(s => s.Length > 0).Select(DotEscape));
                if (tooltip.Length > 0) dot.Append($", tooltip=\"{tooltip}\"");
            }
            else
            {
                dot.Append($", shape=box, style=\"rounded,filled\", fillcolor=\"{NodeColors.Of(node.Role)}\"");
            }
            if (IsActive(node, frame)) dot.Append($", color=\"{ActiveColor}\", penwidth=3");
            dot.Append("];\n");
        }
        foreach (GraphEdge edge in Edges)
        {
            dot.Append($"  {edge.From.Id} -> {edge.To.Id}");
            if (FlowAlong(edge, frame) is { } flow)
                dot.Append($" [label=\"{DotEscape(FlowText(flow))}\", color=\"{ActiveColor}\", fontcolor=\"{ActiveColor}\", dir=back]");
            dot.Append(";\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>
    /// The graph as a Mermaid flowchart (renders in GitHub and many Markdown viewers): data nodes as boxes
    /// coloured by role, showing name, value and gradient; operations as rounded nodes.
    /// </summary>
    /// <param name="frame">As for <see cref="ToDot"/>: draw one step of a traced backward pass.</param>
    public string ToMermaid(BackwardFrame? frame = null)
    {
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        foreach (GraphNode node in Nodes)
        {
            string label = string.Join("<br/>", LabelOf(node, frame).Select(MermaidEscape));
            string shape = node is OperationNode ? $"([\"{label}\"])" : $"[\"{label}\"]";
            text.Append($"  {node.Id}{shape}:::{node.Role.ToString().ToLowerInvariant()}\n");
        }
        foreach (GraphEdge edge in Edges)
        {
            string arrow = FlowAlong(edge, frame) is { } flow ? $" -->|\"{MermaidEscape(FlowText(flow))}\"| " : " --> ";
            text.Append($"  {edge.From.Id}{arrow}{edge.To.Id}\n");
        }
        foreach (NodeRole role in Enum.GetValues<NodeRole>())
            text.Append($"  classDef {role.ToString().ToLowerInvariant()} fill:{NodeColors.Of(role)},stroke:#333333,color:#000000\n");
        foreach (GraphNode node in Nodes.Where(n => IsActive(n, frame)))
            text.Append($"  style {node.Id} stroke:{ActiveColor},stroke-width:3px\n");
        return text.ToString();
    }

    private static IReadOnlyList<string> LabelOf(GraphNode node, BackwardFrame? frame) =>
        frame is not null && node is DataNode data ? data.LabelWith(frame.GradientTextSoFar(data)) : node.Label;

    private static bool IsActive(GraphNode node, BackwardFrame? frame) =>
        frame is not null && (ReferenceEquals(node, frame.Node) || ReferenceEquals(node, frame.Operation));

    private static GradientFlow? FlowAlong(GraphEdge edge, BackwardFrame? frame) =>
        frame?.Flows.FirstOrDefault(f => ReferenceEquals(f.Edge, edge));

    private static string FlowText(GradientFlow flow) =>
        "+= " + ValueText.Of(flow.Contribution.Amount, flow.Contribution.To.ShapeArray);

    private static string DotEscape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string MermaidEscape(string s) =>
        s.Replace("&", "#amp;").Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;").Replace("\n", "<br/>");
}
