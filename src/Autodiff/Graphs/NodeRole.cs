namespace Autodiff.Graphs;

/// <summary>
/// What a node of a <see cref="ComputationalGraph"/> is. Pictures colour a node by its role (the article's colours:
/// parameters orange, inputs green, intermediate results blue, the output purple); the colours themselves belong
/// to the pictures (<see cref="GraphPalette"/>).
/// </summary>
public enum NodeRole
{
    /// <summary>A learnable parameter: a leaf the optimizer changes.</summary>
    Parameter,

    /// <summary>An input: a leaf that is not a parameter, such as data or a constant.</summary>
    Input,

    /// <summary>An intermediate result: a data node produced by an operation, other than the output.</summary>
    Intermediate,

    /// <summary>The output: the tensor the graph was built from, typically the loss.</summary>
    Output,

    /// <summary>An operation node.</summary>
    Operation,
}
