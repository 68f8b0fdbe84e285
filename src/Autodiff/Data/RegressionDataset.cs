namespace Autodiff.Data;

/// <summary>
/// Observations (x, y) of a line with Gaussian noise, y = a·x + b + N(0, σ²), for the maximum-likelihood chapter:
/// as observations to loop over and as tensors for batches, with the true a, b and σ to compare estimates against.
/// </summary>
/// <remarks>Immutable; <see cref="X"/> and <see cref="Y"/> are constants, the same tensors on every access.</remarks>
[TypeFormatterSource(typeof(PlainTextFormatterSource))]
public sealed class RegressionDataset
{
    private readonly Observation[] _observations;

    internal RegressionDataset(Observation[] observations, double slope, double intercept, double noise)
    {
        _observations = observations;
        Slope = slope;
        Intercept = intercept;
        Noise = noise;
        X = new Tensor([.. observations.Select(o => o.X)]) { Name = "x" };
        Y = new Tensor([.. observations.Select(o => o.Y)]) { Name = "y" };
    }

    /// <summary>The observations, in the order drawn.</summary>
    public IReadOnlyList<Observation> Observations => _observations;

    /// <summary>The number of observations n.</summary>
    public int Count => _observations.Length;

    /// <summary>The inputs, a tensor of n numbers.</summary>
    public Tensor X { get; }

    /// <summary>The measurements, a tensor of n numbers.</summary>
    public Tensor Y { get; }

    /// <summary>The true slope a.</summary>
    public double Slope { get; }

    /// <summary>The true intercept b.</summary>
    public double Intercept { get; }

    /// <summary>The true standard deviation σ of the noise.</summary>
    public double Noise { get; }

    /// <summary>E.g. <c>RegressionDataset(50 observations of y = 2·x + 1 + N(0, 0.5²))</c>.</summary>
    public override string ToString() =>
        $"RegressionDataset({Count} observations of y = {Slope}·x + {Intercept} + N(0, {Noise}²))";
}
