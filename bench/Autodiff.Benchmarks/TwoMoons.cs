namespace Autodiff.Benchmarks;

/// <summary>
/// The two-moons data set of micrograd's demo (scikit-learn's <c>make_moons(n_samples=100, noise=0.1)</c>):
/// two interleaved half circles, labels −1 and +1. Seeded, so every run trains on the same points.
/// </summary>
public static class TwoMoons
{
    public static (double[,] X, double[] Y) Make(int count = 100, double noise = 0.1, int seed = 1)
    {
        var random = new Random(seed);
        var x = new double[count, 2];
        var y = new double[count];
        int outer = count / 2;
        for (int i = 0; i < count; i++)
        {
            bool first = i < outer;
            int k = first ? i : i - outer, n = first ? outer : count - outer;
            double angle = Math.PI * k / Math.Max(n - 1, 1);
            x[i, 0] = (first ? Math.Cos(angle) : 1 - Math.Cos(angle)) + noise * Tensor.StandardNormal(random);
            x[i, 1] = (first ? Math.Sin(angle) : 0.5 - Math.Sin(angle)) + noise * Tensor.StandardNormal(random);
            y[i] = first ? -1.0 : 1.0;
        }
        return (x, y);
    }
}
