namespace Autodiff.Data;

/// <summary>
/// Points in the plane with class labels, both as examples to loop over one at a time (the article's loop) and
/// as tensors for batches. Built by <see cref="Datasets"/>.
/// </summary>
/// <remarks>
/// Immutable. <see cref="Inputs"/> and <see cref="Labels"/> are constants (they do not require grad) and the
/// same tensors on every access; use <see cref="Tensor.Detach"/> for a copy that may require grad.
/// </remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed class ClassificationDataset
{
    private readonly Example[] _examples;

    internal ClassificationDataset(Example[] examples, int classes)
    {
        _examples = examples;
        Classes = classes;
        var inputs = new double[examples.Length * 2];
        var labels = new double[examples.Length];
        for (int i = 0; i < examples.Length; i++)
        {
            inputs[2 * i] = examples[i].X1;
            inputs[2 * i + 1] = examples[i].X2;
            labels[i] = examples[i].Label;
        }
        Inputs = new Tensor(inputs, [examples.Length, 2]) { Name = "x" };
        Labels = new Tensor(labels, [examples.Length]) { Name = "y" };
    }

    /// <summary>The examples, in a fixed (shuffled) order.</summary>
    public IReadOnlyList<Example> Examples => _examples;

    /// <summary>The number of examples n.</summary>
    public int Count => _examples.Length;

    /// <summary>The number of classes; labels run from 0 to Classes − 1.</summary>
    public int Classes { get; }

    /// <summary>The inputs as an n×2 tensor, row i = (x1, x2) of example i.</summary>
    public Tensor Inputs { get; }

    /// <summary>The labels as a tensor of n numbers (0, 1, …), in the order of <see cref="Examples"/>.</summary>
    public Tensor Labels { get; }

    /// <summary>The labels mapped to −1 and +1 (2·label − 1), the targets of the <see cref="Losses.Hinge"/> loss.</summary>
    /// <exception cref="InvalidOperationException">The dataset has more than two classes.</exception>
    public Tensor SignedLabels()
    {
        if (Classes != 2)
            throw new InvalidOperationException($"signed labels need two classes, but this dataset has {Classes}");
        return new Tensor([.. _examples.Select(e => 2.0 * e.Label - 1.0)]);
    }

    /// <summary>E.g. <c>ClassificationDataset(100 examples, 2 classes)</c>.</summary>
    public override string ToString() => $"ClassificationDataset({Count} examples, {Classes} classes)";
}
