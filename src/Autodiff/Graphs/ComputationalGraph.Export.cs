using System.Text;

namespace Autodiff.Graphs;

public sealed partial class ComputationalGraph
{
    /// <summary>
    /// The graph in Graphviz's DOT language (render with <c>dot -Tsvg</c>): data nodes as rounded boxes showing
    /// name, value and gradient; operations as ellipses with the formula and derivative as tooltip; left to right
    /// (Graphviz places the nodes). Each node carries its role as a class (<c>class="parameter"</c>, for SVG output).
    /// </summary>
    /// <param name="frame">
    /// A step of a traced backward pass (see <see cref="Replay"/>): then the gradients shown are those gathered
    /// so far, the active node and its operation get a thick outline, and the gradients it sends label the edges.
    /// </param>
    /// <param name="palette">Colours to fill the nodes by role and to mark the active step; none by default.</param>
    public string ToDot(BackwardFrame? frame = null, GraphPalette? palette = null)
    {
        var dot = new StringBuilder();
        dot.Append("digraph ComputationalGraph {\n");
        dot.Append("  rankdir=LR;\n");
        dot.Append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        foreach (GraphNode node in Nodes)
        {
            dot.Append($"  {node.Id} [label=\"{string.Join("\\n", LabelOf(node, frame).Select(DotEscape))}\"");
            bool isOperation = node is OperationNode;
            dot.Append(isOperation ? ", shape=ellipse" : ", shape=box");
            if (palette is null) dot.Append(isOperation ? "" : ", style=rounded");
            else dot.Append($", style={(isOperation ? "filled" : "\"rounded,filled\"")}, fillcolor=\"{palette.Of(node.Role)}\"");
            dot.Append($", class=\"{RoleClass(node.Role)}\"");
            if (node is OperationNode op)
            {
                string tooltip = string.Join("\\n", new[] { op.Formula, op.Derivative }.Where(s => s.Length > 0).Select(DotEscape));
                if (tooltip.Length > 0) dot.Append($", tooltip=\"{tooltip}\"");
            }
            if (IsActive(node, frame)) dot.Append(palette is null ? ", penwidth=3" : $", color=\"{palette.Active}\", penwidth=3");
            dot.Append("];\n");
        }
        foreach (GraphEdge edge in Edges)
        {
            dot.Append($"  {edge.From.Id} -> {edge.To.Id}");
            if (FlowAlong(edge, frame) is { } flow)
            {
                string colour = palette is null ? ", penwidth=2" : $", color=\"{palette.Active}\", fontcolor=\"{palette.Active}\"";
                dot.Append($" [label=\"{DotEscape(FlowText(flow))}\"{colour}, dir=back]");
            }
            dot.Append(";\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    /// <summary>
    /// The graph as a Mermaid flowchart (renders in GitHub and many Markdown viewers): data nodes as boxes showing
    /// name, value and gradient, operations as rounded nodes, each node in the class of its role (<c>:::parameter</c>).
    /// </summary>
    /// <param name="frame">As for <see cref="ToDot"/>: draw one step of a traced backward pass.</param>
    /// <param name="palette">Colours for the role classes and the active step; none by default.</param>
    public string ToMermaid(BackwardFrame? frame = null, GraphPalette? palette = null)
    {
        var text = new StringBuilder();
        text.Append("flowchart LR\n");
        foreach (GraphNode node in Nodes)
        {
            string label = string.Join("<br/>", LabelOf(node, frame).Select(MermaidEscape));
            string shape = node is OperationNode ? $"([\"{label}\"])" : $"[\"{label}\"]";
            text.Append($"  {node.Id}{shape}:::{RoleClass(node.Role)}\n");
        }
        foreach (GraphEdge edge in Edges)
        {
            string arrow = FlowAlong(edge, frame) is { } flow ? $" -->|\"{MermaidEscape(FlowText(flow))}\"| " : " --> ";
            text.Append($"  {edge.From.Id}{arrow}{edge.To.Id}\n");
        }
        if (palette is not null)
            foreach (NodeRole role in Enum.GetValues<NodeRole>())
                text.Append($"  classDef {RoleClass(role)} fill:{palette.Of(role)},stroke:{palette.Outline},color:{palette.Text}\n");
        string activeStroke = palette is null ? "" : $"stroke:{palette.Active},";
        foreach (GraphNode node in Nodes.Where(n => IsActive(n, frame)))
            text.Append($"  style {node.Id} {activeStroke}stroke-width:3px\n");
        return text.ToString();
    }

    private static string RoleClass(NodeRole role) => role.ToString().ToLowerInvariant();

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
