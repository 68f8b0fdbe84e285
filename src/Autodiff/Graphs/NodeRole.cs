namespace Autodiff.Graphs;

/// <summary>What a node of a <see cref="ComputationalGraph"/> is, which is what its colour says in the article's picture.</summary>
public enum NodeRole
{
    /// <summary>A learnable parameter (orange 🟠): a leaf the optimizer changes.</summary>
    Parameter,

    /// <summary>An input (green 🟢): a leaf that is not a parameter, such as data or a constant.</summary>
    Input,

    /// <summary>An intermediate result (blue 🔵): a data node produced by an operation, other than the output.</summary>
    Intermediate,

    /// <summary>The output (purple 🟣): the tensor the graph was built from, typically the loss.</summary>
    Output,

    /// <summary>An operation node.</summary>
    Operation,
}

/// <summary>The colours of the article's picture, as CSS hex colours, shared by every export.</summary>
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

    /// <summary>The colour of <paramref name="role"/>.</summary>
    public static string Of(NodeRole role) => role switch
    {
        NodeRole.Parameter => Parameter,
        NodeRole.Input => Input,
        NodeRole.Intermediate => Intermediate,
        NodeRole.Output => Output,
        NodeRole.Operation => Operation,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };
}
