namespace Autodiff.Nn;

/// <summary>A fully connected layer: y = x·W + b. PyTorch: <c>torch.nn.Linear</c>.</summary>
/// <remarks>
/// <para><see cref="Weight"/> W has shape inFeatures×outFeatures and <see cref="Bias"/> b has shape outFeatures,
/// so a batch x of shape n×inFeatures gives y of shape n×outFeatures (b is broadcast over the rows), and a
/// single example x of shape inFeatures gives y of shape outFeatures. PyTorch stores the transpose
/// (outFeatures×inFeatures) and computes x·Wᵀ + b; the values are the same.</para>
/// <para>Initialisation as micrograd's neurons: every weight drawn uniformly from [−1, 1), reproducibly from the
/// seed, and every bias 0. PyTorch draws both from [−1/√inFeatures, 1/√inFeatures) instead, which keeps wide
/// layers from growing their outputs; at the course's sizes (tens of units) micrograd's choice trains the
/// moons demo reliably in its 100 steps, where PyTorch's sometimes needs more.</para>
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>A layer from <paramref name="inFeatures"/> inputs to <paramref name="outFeatures"/> outputs, initialised from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">A size is less than 1.</exception>
    public Linear(int inFeatures, int outFeatures, int seed) : this(inFeatures, outFeatures, new Random(seed)) { }

    internal Linear(int inFeatures, int outFeatures, Random random)
    {
        Check.Argument(inFeatures >= 1, nameof(inFeatures), $"inFeatures must be at least 1, got {inFeatures}");
        Check.Argument(outFeatures >= 1, nameof(outFeatures), $"outFeatures must be at least 1, got {outFeatures}");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = Tensor.RandomUniform([inFeatures, outFeatures], random, -1.0, 1.0, requiresGrad: true);
        Weight.Name = "W";
        Bias = Tensor.Full([outFeatures], 0.0, requiresGrad: true);
        Bias.Name = "b";
    }

    /// <summary>The number of inputs.</summary>
    public int InFeatures { get; }

    /// <summary>The number of outputs.</summary>
    public int OutFeatures { get; }

    /// <summary>W, of shape inFeatures×outFeatures (named "W" unless renamed).</summary>
    public Tensor Weight { get; }

    /// <summary>b, of shape outFeatures (named "b" unless renamed).</summary>
    public Tensor Bias { get; }

    /// <summary>W, then b.</summary>
    public override IReadOnlyList<Tensor> Parameters() => [Weight, Bias];

    /// <inheritdoc/>
    public override string ToString() => $"Linear({InFeatures} → {OutFeatures})";

    /// <summary>y = x·W + b, for a batch (n×inFeatures) or a single example (inFeatures).</summary>
    /// <exception cref="ArgumentException">The last dimension of <paramref name="x"/> is not inFeatures.</exception>
    public override Tensor Forward(Tensor x)
    {
        Check.NotNull(x, nameof(x));
        Check.Argument(x.Rank is 1 or 2 && x.Shape[^1] == InFeatures, nameof(x),
            $"Linear({InFeatures}, {OutFeatures}) takes a tensor of shape ({InFeatures},) or (n, {InFeatures}), got {Shapes.Format(x.ShapeArray)}");
        return x.MatMul(Weight) + Bias;
    }
}
