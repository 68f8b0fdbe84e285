namespace Autodiff.Losses;

/// <summary>How a loss combines the losses of the individual elements. PyTorch: the <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>Their mean: a 0-d tensor (the default, as in PyTorch).</summary>
    Mean,

    /// <summary>Their sum: a 0-d tensor.</summary>
    Sum,

    /// <summary>No reduction: one loss per element (per example for <see cref="CrossEntropy"/>).</summary>
    None,
}
