namespace Autodiff.Data;

/// <summary>
/// Synthetic datasets for the course, each reproducible from a seed: the same seed gives the same data on every
/// machine and .NET version (<see cref="Random(int)"/> with a seed is specified to be stable).
/// </summary>
/// <remarks>
/// Classification datasets come shuffled, so a one-example-at-a-time loop does not see all of one class first.
/// Every method throws <see cref="ArgumentException"/>, naming the argument, for a count below 1 or a noise
/// level that is negative, infinite or NaN.
/// </remarks>
public static class Datasets
{
    /// <summary>
    /// The article's toy problem: two Gaussian clusters in the plane, label 0 around (−1, −1) and label 1 around
    /// (1, 1), each coordinate with standard deviation <paramref name="spread"/>. With the default spread the
    /// classes barely overlap, so a logistic regression separates them.
    /// </summary>
    /// <param name="count">The number of points n; label 0 gets n/2 of them (rounded down), label 1 the rest.</param>
    /// <param name="seed">The seed of the random generator.</param>
    /// <param name="spread">The standard deviation of each cluster.</param>
    public static ClassificationDataset TwoClusters(int count, int seed, double spread = 0.5)
    {
        CheckCount(count);
        CheckNoise(spread, nameof(spread));
        var random = new Random(seed);
        var examples = new Example[count];
        for (int i = 0; i < count; i++)
        {
            int label = i < count / 2 ? 0 : 1;
            double center = label == 0 ? -1.0 : 1.0;
            examples[i] = new Example(center + spread * Normal(random), center + spread * Normal(random), label);
        }
        return Shuffled(examples, random, classes: 2);
    }

    /// <summary>
    /// Two interleaving half circles, as scikit-learn's <c>make_moons</c>: label 0 on the upper arc
    /// (cos t, sin t), label 1 on the lower arc (1 − cos t, 1/2 − sin t), t evenly spaced in [0, π], then
    /// Gaussian noise of standard deviation <paramref name="noise"/> added to every coordinate. Not linearly
    /// separable: it needs a network (<see cref="Nn.Mlp"/>).
    /// </summary>
    /// <param name="count">The number of points n; the upper moon gets n/2 of them (rounded down), the lower the rest.</param>
    /// <param name="seed">The seed of the random generator.</param>
    /// <param name="noise">The standard deviation of the noise (micrograd's demo uses 0.1).</param>
    public static ClassificationDataset TwoMoons(int count, int seed, double noise = 0.1)
    {
        CheckCount(count);
        CheckNoise(noise, nameof(noise));
        var random = new Random(seed);
        int upper = count / 2, lower = count - upper;
        var examples = new Example[count];
        for (int i = 0; i < upper; i++)
        {
            double t = Fraction(i, upper) * Math.PI;
            examples[i] = new Example(Math.Cos(t), Math.Sin(t), 0);
        }
        for (int i = 0; i < lower; i++)
        {
            double t = Fraction(i, lower) * Math.PI;
            examples[upper + i] = new Example(1.0 - Math.Cos(t), 0.5 - Math.Sin(t), 1);
        }
        Shuffle(examples, random);
        for (int i = 0; i < count; i++)
            examples[i] = examples[i] with { X1 = examples[i].X1 + noise * Normal(random), X2 = examples[i].X2 + noise * Normal(random) };
        return new ClassificationDataset(examples, classes: 2);
    }

    /// <summary>
    /// Interleaved spiral arms, one per class (CS231n's spiral data): on the arm of class k, a point at radius r,
    /// evenly spaced in [0, 1], has angle θ = 2πk/K + 4r + noise·N(0, 1) and lies at (r·sin θ, r·cos θ).
    /// </summary>
    /// <param name="count">The number of points n, shared as evenly as possible among the classes.</param>
    /// <param name="seed">The seed of the random generator.</param>
    /// <param name="classes">The number of arms K, at least 2.</param>
    /// <param name="noise">The standard deviation of the noise added to the angle, in radians.</param>
    public static ClassificationDataset Spirals(int count, int seed, int classes = 2, double noise = 0.2)
    {
        CheckCount(count);
        Check.Argument(classes >= 2, nameof(classes), $"classes must be at least 2, got {classes}");
        Check.Argument(count >= classes, nameof(count), $"count must be at least the number of classes ({classes}), got {count}");
        CheckNoise(noise, nameof(noise));
        var random = new Random(seed);
        var examples = new Example[count];
        int next = 0;
        for (int k = 0; k < classes; k++)
        {
            int points = count / classes + (k < count % classes ? 1 : 0);
            for (int i = 0; i < points; i++)
            {
                double r = Fraction(i, points);
                double theta = 2.0 * Math.PI * k / classes + 4.0 * r + noise * Normal(random);
                examples[next++] = new Example(r * Math.Sin(theta), r * Math.Cos(theta), k);
            }
        }
        return Shuffled(examples, random, classes);
    }

    /// <summary>
    /// Noisy measurements of a line: x drawn uniformly from [<paramref name="xMin"/>, <paramref name="xMax"/>),
    /// y = <paramref name="slope"/>·x + <paramref name="intercept"/> + N(0, <paramref name="noise"/>²).
    /// Fitting it by maximum likelihood under Gaussian noise is least squares.
    /// </summary>
    /// <param name="count">The number of observations n.</param>
    /// <param name="seed">The seed of the random generator.</param>
    /// <param name="slope">The true slope a.</param>
    /// <param name="intercept">The true intercept b.</param>
    /// <param name="noise">The true standard deviation σ of the noise.</param>
    /// <param name="xMin">The smallest x.</param>
    /// <param name="xMax">The bound of x, greater than <paramref name="xMin"/>.</param>
    public static RegressionDataset NoisyLine(int count, int seed, double slope = 2.0, double intercept = 1.0, double noise = 0.5,
        double xMin = 0.0, double xMax = 5.0)
    {
        CheckCount(count);
        CheckNoise(noise, nameof(noise));
        Check.Argument(double.IsFinite(slope), nameof(slope), $"slope must be finite, got {slope}");
        Check.Argument(double.IsFinite(intercept), nameof(intercept), $"intercept must be finite, got {intercept}");
        Check.Argument(double.IsFinite(xMin), nameof(xMin), $"xMin must be finite, got {xMin}");
        Check.Argument(double.IsFinite(xMax) && xMax > xMin, nameof(xMax), $"xMax must be finite and greater than xMin ({xMin}), got {xMax}");
        var random = new Random(seed);
        var observations = new Observation[count];
        for (int i = 0; i < count; i++)
        {
            double x = xMin + (xMax - xMin) * random.NextDouble();
            observations[i] = new Observation(x, slope * x + intercept + noise * Normal(random));
        }
        return new RegressionDataset(observations, slope, intercept, noise);
    }

    private static double Normal(Random random) => Tensor.StandardNormal(random);

    /// <summary>i/(n − 1): n evenly spaced values from 0 to 1, both included (0 when n = 1), like linspace.</summary>
    private static double Fraction(int i, int n) => n == 1 ? 0.0 : (double)i / (n - 1);

    private static ClassificationDataset Shuffled(Example[] examples, Random random, int classes)
    {
        Shuffle(examples, random);
        return new ClassificationDataset(examples, classes);
    }

    /// <summary>Fisher–Yates, written out rather than <see cref="Random.Shuffle{T}(T[])"/> so the order is fixed by this code alone.</summary>
    private static void Shuffle(Example[] examples, Random random)
    {
        for (int i = examples.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (examples[i], examples[j]) = (examples[j], examples[i]);
        }
    }

    private static void CheckCount(int count) =>
        Check.Argument(count >= 1, nameof(count), $"count must be at least 1, got {count}");

    private static void CheckNoise(double noise, string paramName) =>
        Check.Argument(noise >= 0 && double.IsFinite(noise), paramName, $"{paramName} must be a finite number ≥ 0, got {noise}");
}
