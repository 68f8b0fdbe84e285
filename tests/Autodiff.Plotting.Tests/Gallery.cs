using Plotly.NET;

namespace Autodiff.Plotting.Tests;

/// <summary>
/// The article's charts and the course's other uses of each helper, built from plain numbers. Tests check
/// their structure; with AUTODIFF_PLOTTING_GALLERY=dir set, <see cref="GalleryTests"/> also writes each one
/// to dir/name.html so that a person (or headless Chromium) can look at it.
/// </summary>
public static class Gallery
{
    public static double F(double x) => 2 * x * x + 3 * x + 5;

    public static double FPrime(double x) => 4 * x + 3;

    /// <summary>x₀ = 0, then five steps of xₖ₊₁ = xₖ − η·f′(xₖ), as in the article.</summary>
    public static double[] Descent(double learningRate, int steps, double x0 = 0)
    {
        var xs = new double[steps + 1];
        xs[0] = x0;
        for (var k = 0; k < steps; k++) xs[k + 1] = xs[k] - learningRate * FPrime(xs[k]);
        return xs;
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>Two Gaussian clusters, class 0 around (−1, −1) and class 1 around (1.5, 1.5).</summary>
    public static LabelledPoint[] Clusters(int perClass = 40, int seed = 7)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Enumerable.Range(0, 2 * perClass)
            .Select(i => i < perClass
                ? new LabelledPoint(-1 + 0.7 * Normal(), -1 + 0.7 * Normal(), 0)
                : new LabelledPoint(1.5 + 0.7 * Normal(), 1.5 + 0.7 * Normal(), 1))
            .ToArray();
    }

    public static Func<double, double, double> Logistic(double w1, double w2, double b) =>
        (x1, x2) => Sigmoid(w1 * x1 + w2 * x2 + b);

    public static IReadOnlyList<(string Name, GenericChart Chart)> All()
    {
        var charts = new List<(string, GenericChart)>
        {
            ("01-function-and-derivative", Charts.FunctionAndDerivative(F, FPrime, -2, 2, markAt: -0.75,
                functionName: "f(x) = 2x² + 3x + 5", derivativeName: "f′(x) = 4x + 3",
                title: "f and f′: the minimum is where f′ = 0")),
            ("02-gradient-descent-steps", Charts.GradientDescentSteps(F, Descent(0.4, 5), derivative: FPrime,
                title: "Gradient descent, x₀ = 0, η = 0.4")),
            ("03-trajectories", Charts.Trajectories(
                new[] { 0.1, 0.25, 0.4, 0.5, 0.55 }.Select(eta => new Series($"η = {eta}", Descend(eta))),
                reference: -0.75, referenceName: "x* = −0.75", title: "xₖ for several learning rates",
                yRange: (-3, 1.5))),
        };

        // An elongated bowl: the gradient is perpendicular to its elliptic level sets, not aimed at the minimum.
        double Bowl(double x, double y) => x * x + 4 * y * y;
        var path = new List<(double X, double Y)> { (-2.5, 1.2) };
        for (var k = 0; k < 12; k++)
        {
            var (x, y) = path[^1];
            path.Add((x - 0.1 * 2 * x, y - 0.1 * 8 * y));
        }
        charts.Add(("04-contour-gradients", Charts.Contour(Bowl, (-3, 3), (-1.5, 1.5), path: path,
            gradient: (x, y) => (2 * x, 8 * y), title: "f(x₁, x₂) = x₁² + 4x₂², with ∇f and a descent path")));
        charts.Add(("04b-heatmap-path", Charts.Contour(Grid2D.Evaluate(Bowl, (-3, 3), (-1.5, 1.5), 50), path: path,
            heatmap: true, title: "Loss surface as a heatmap", xTitle: "θ₀", yTitle: "θ₁")));

        var random = new Random(1);
        var xs = Sample.Linspace(0, 1, 12);
        var ys = xs.Select(x => 2 * x + 1 + 0.2 * (random.NextDouble() - 0.5)).ToArray();
        charts.Add(("05-data-with-fits", Charts.DataWithFits(xs, ys,
            new[] { (0, 0.0, 0.0), (5, 0.9, 0.8), (20, 1.6, 1.1), (100, 2.0, 1.0) }
                .Select(s => new Curve($"after {s.Item1} steps", x => s.Item2 * x + s.Item3)),
            title: "A line fitted by gradient descent")));
        var sineY = xs.Select(x => Math.Sin(2 * Math.PI * x) + 0.3 * (random.NextDouble() - 0.5)).ToArray();
        charts.Add(("05b-under-over-fitting", Charts.DataWithFits(xs, sineY,
            [
                new Curve("under-fit: constant", _ => sineY.Average()),
                new Curve("good: sin(2πx)", x => Math.Sin(2 * Math.PI * x)),
                new Curve("over-fit: degree 11", x => Interpolate(xs, sineY, x)),
            ], title: "Choosing the functional form", yRange: (-2, 2))));

        var loss = Enumerable.Range(0, 200).Select(i => 0.7 * Math.Exp(-i / 40.0) + 0.02 + 0.02 * random.NextDouble()).ToArray();
        var accuracy = Enumerable.Range(0, 200).Select(i => 1 - 0.5 * Math.Exp(-i / 25.0)).ToArray();
        charts.Add(("06-loss-curve", Charts.LossCurve(loss, logY: true, secondary: new Series("accuracy", accuracy))));

        var points = Clusters();
        var trained = Logistic(2.0, 1.8, -0.6);
        var x0 = (X1: 0.2, X2: 0.1);
        // The adversarial step x + ε·sign(∇ₓL) for a class-0 example: ∇ₓL points along +w for label 0.
        var x1 = (X1: x0.X1 + 0.4, X2: x0.X2 + 0.4);
        charts.Add(("07-decision-boundary", Charts.DecisionBoundary(trained, points,
            marked: [new MarkedPoint(x0.X1, x0.X2, "x"), new MarkedPoint(x1.X1, x1.X2, "x + ε·sign(∇ₓL)")],
            arrows: [new Arrow(x0.X1, x0.X2, x1.X1, x1.X2)])));

        var evolution = Enumerable.Range(0, 11)
            .Select(i => i / 10.0)
            .Select(t => Logistic(-1 + 3 * t, 1 + 0.8 * t, 2 - 2.6 * t))
            .ToArray();
        charts.Add(("07b-decision-boundary-evolution", Charts.DecisionBoundaryEvolution(evolution, points,
            stepLabels: Enumerable.Range(0, 11).Select(i => $"{i * 8}").ToArray())));
        var ramps = Enumerable.Range(0, 8)
            .Select(u => Grid2D.Evaluate((x1, x2) => Math.Max(0, Math.Cos(u * 0.8) * x1 + Math.Sin(u * 0.8) * x2 + 0.3), (-3, 3), (-3, 3), resolution: 30))
            .ToArray();
        charts.Add(("07c-heatmaps", Charts.Heatmaps(ramps, ramps.Select((_, u) => $"unit {u + 1}").ToArray(), columns: 4,
            points: points, title: "Hidden units over the plane")));
        // Gradient descent zig-zags across a narrow bowl; the same steps with momentum cut the zig-zag short.
        var (gd, heavy) = (new List<(double X, double Y)> { (-2.5, 1.2) }, new List<(double X, double Y)> { (-2.5, 1.2) });
        var velocity = (X: 0.0, Y: 0.0);
        for (var k = 0; k < 40; k++)
        {
            gd.Add((gd[^1].X - 0.22 * 2 * gd[^1].X, gd[^1].Y - 0.22 * 8 * gd[^1].Y));
            velocity = (0.5 * velocity.X + 2 * heavy[^1].X, 0.5 * velocity.Y + 8 * heavy[^1].Y);
            heavy.Add((heavy[^1].X - 0.22 * velocity.X, heavy[^1].Y - 0.22 * velocity.Y));
        }
        Series AsSeries(string name, List<(double X, double Y)> path) => new(name, path.Select(p => p.Y).ToArray(), path.Select(p => p.X).ToArray());
        charts.Add(("08-paths-over-steps", Charts.PathsOverSteps(Grid2D.Evaluate(Bowl, (-3, 3), (-1.5, 1.5), 50),
            [AsSeries("gradient descent", gd), AsSeries("momentum", heavy)], [0, 1, 2, 5, 10, 20, 40], minimum: (0, 0),
            title: "Two optimizers on x₁² + 4x₂², step by step")));
        charts.AddRange(GraphGallery.All());
        return charts;
    }

    private static double[] Descend(double learningRate) => Descent(learningRate, 15);

    /// <summary>Lagrange interpolation through every point: a polynomial that fits the data perfectly and nothing else.</summary>
    private static double Interpolate(double[] xs, double[] ys, double x) =>
        xs.Select((xi, i) => ys[i] * xs.Where((_, j) => j != i).Aggregate(1.0, (p, xj) => p * (x - xj) / (xi - xj))).Sum();

    public static HtmlTable DescentTable()
    {
        var xs = Descent(0.4, 5);
        return HtmlTable.From(Enumerable.Range(0, xs.Length),
            ("k", k => k), ("xₖ", k => xs[k]), ("f(xₖ)", k => F(xs[k])), ("f′(xₖ)", k => FPrime(xs[k])));
    }
}
