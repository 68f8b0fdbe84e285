using Autodiff.Graphs;

namespace Autodiff.Plotting;

/// <summary>
/// The colours of the article's picture, as CSS hex colours: one per <see cref="NodeRole"/>, and the red of the
/// active step of a backward replay. Shared by the charts and, through <see cref="Palette"/>, by the core's text exports.
/// </summary>
/// <example><code>string dot = graph.ToDot(palette: NodeColors.Palette);</code></example>
public static class NodeColors
{
    /// <summary>Orange, for parameters.</summary>
    public const string Parameter = "#F5A623";

    /// <summary>Green, for inputs.</summary>
    public const string Input = "#7ED321";

    /// <summary>Blue, for intermediate results.</summary>
    public const string Intermediate = "#4A90E2";

    /// <summary>Purple, for the output.</summary>
    public const string Output = "#B57EDC";

    /// <summary>Light grey, for operation nodes.</summary>
    public const string Operation = "#E6E6E6";

    /// <summary>Red, for the active node of a replay step and the gradients it sends.</summary>
    public const string Active = "#D0021B";

    /// <summary>Dark grey, for the outline of a node.</summary>
    public const string Outline = "#333333";

    /// <summary>Black, for the text in a node.</summary>
    public const string Text = "#000000";

    /// <summary>These colours, for <see cref="ComputationalGraph.ToDot"/> and <see cref="ComputationalGraph.ToMermaid"/>.</summary>
    public static GraphPalette Palette { get; } = new(Parameter, Input, Intermediate, Output, Operation, Active, Outline, Text);

    /// <summary>The colour of <paramref name="role"/>.</summary>
    public static string Of(NodeRole role) => Palette.Of(role);
}
