namespace Autodiff.Nn;

/// <summary>
/// A multi-layer perceptron: <see cref="Linear"/> layers with an activation between them and none after the
/// last, so the output is a raw score (a logit). micrograd's <c>MLP(2, [16, 16, 1])</c> is
/// <c>new Mlp([2, 16, 16, 1], Activation.Relu, seed: 1)</c>.
/// </summary>
/// <remarks>
/// Layer k (counting from 1) has parameters named "W{k}" and "b{k}"; they are listed layer by layer.
/// Every layer is initialised as <see cref="Linear"/> documents, all from one generator seeded with the seed.
/// </remarks>
public sealed class Mlp : Module
{
    private readonly Linear[] _layers;

    /// <summary>An MLP with the given layer <paramref name="sizes"/>: the number of inputs, then each layer's number of outputs.</summary>
    /// <exception cref="ArgumentException">Fewer than two sizes, or a size less than 1.</exception>
    public Mlp(int[] sizes, Activation activation, int seed)
    {
        Check.NotNull(sizes, nameof(sizes));
        Check.Argument(sizes.Length >= 2, nameof(sizes),
            $"an MLP needs at least two sizes (inputs, then outputs of each layer), got {sizes.Length}");
        foreach (int size in sizes)
            Check.Argument(size >= 1, nameof(sizes), $"every size must be at least 1, got [{string.Join(", ", sizes)}]");
        Check.Argument(Enum.IsDefined(activation), nameof(activation), $"unknown activation {activation}");
        Sizes = (int[])sizes.Clone();
        Activation = activation;
        var random = new Random(seed);
        _layers = new Linear[sizes.Length - 1];
        for (int k = 0; k < _layers.Length; k++)
        {
            _layers[k] = new Linear(sizes[k], sizes[k + 1], random);
            _layers[k].Weight.Name = $"W{k + 1}";
            _layers[k].Bias.Name = $"b{k + 1}";
        }
    }

    /// <summary>The layer sizes this MLP was built with.</summary>
    public IReadOnlyList<int> Sizes { get; }

    /// <summary>The activation applied after every layer but the last.</summary>
    public Activation Activation { get; }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<Linear> Layers => _layers;

    /// <summary>W1, b1, W2, b2, …</summary>
    public override IReadOnlyList<Tensor> Parameters() => [.. _layers.SelectMany(layer => layer.Parameters())];

    /// <summary>
    /// The last layer's output for a batch (n×inputs gives n×outputs) or a single example (inputs gives outputs).
    /// </summary>
    public override Tensor Forward(Tensor x)
    {
        Tensor h = x;
        for (int k = 0; k < _layers.Length; k++)
        {
            h = _layers[k].Forward(h);
            if (k < _layers.Length - 1) h = Activation.Apply(h);
        }
        return h;
    }

    /// <summary>E.g. <c>Mlp([2, 16, 16, 1], Relu)</c>.</summary>
    public override string ToString() => $"Mlp([{string.Join(", ", Sizes)}], {Activation})";
}
