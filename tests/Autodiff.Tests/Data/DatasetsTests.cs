using Autodiff.Data;

namespace Autodiff.Tests.Data;

public class DatasetsTests
{
    public static TheoryData<string> Classification => ["clusters", "moons", "spirals"];

    private static ClassificationDataset Make(string kind, int count, int seed) => kind switch
    {
        "clusters" => Datasets.TwoClusters(count, seed),
        "moons" => Datasets.TwoMoons(count, seed),
        _ => Datasets.Spirals(count, seed),
    };

    [Theory, MemberData(nameof(Classification))]
    public void SameSeed_SameData_OtherSeed_OtherData(string kind)
    {
        var a = Make(kind, 50, seed: 3);
        Assert.Equal(a.Examples, Make(kind, 50, seed: 3).Examples);
        Assert.NotEqual(a.Examples, Make(kind, 50, seed: 4).Examples);
    }

    [Theory, MemberData(nameof(Classification))]
    public void Tensors_HoldTheExamplesRowByRow(string kind)
    {
        var data = Make(kind, 7, seed: 1);
        Assert.Equal(7, data.Count);
        Assert.Equal([7, 2], data.Inputs.Shape);
        Assert.Equal([7], data.Labels.Shape);
        Assert.False(data.Inputs.RequiresGrad);
        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(data.Examples[i].X1, data.Inputs[i, 0]);
            Assert.Equal(data.Examples[i].X2, data.Inputs[i, 1]);
            Assert.Equal(data.Examples[i].Label, data.Labels[i]);
        }
    }

    [Theory]
    [InlineData(100, 50, 50)]
    [InlineData(7, 3, 4)]
    [InlineData(1, 0, 1)]
    public void TwoClassData_SplitsTheCountAsScikitLearnDoes(int count, int zeros, int ones)
    {
        foreach (var data in new[] { Datasets.TwoClusters(count, 0), Datasets.TwoMoons(count, 0) })
        {
            Assert.Equal(zeros, data.Examples.Count(e => e.Label == 0));
            Assert.Equal(ones, data.Examples.Count(e => e.Label == 1));
        }
    }

    [Fact]
    public void TwoClusters_AreCentredAtMinusOneAndOne()
    {
        var data = Datasets.TwoClusters(2000, seed: 2, spread: 0.5);
        foreach (var (label, center) in new[] { (0, -1.0), (1, 1.0) })
        {
            var points = data.Examples.Where(e => e.Label == label).ToList();
            Approx.Equal(center, points.Average(e => e.X1), 0.05);
            Approx.Equal(center, points.Average(e => e.X2), 0.05);
            double variance = points.Average(e => (e.X1 - center) * (e.X1 - center));
            Approx.Equal(0.25, variance, 0.05);
        }
    }

    [Fact]
    public void Examples_AreShuffled_SoTheArticlesLoopSeesBothClassesEarly()
    {
        var first = Datasets.TwoClusters(100, seed: 0).Examples.Take(10).Select(e => e.Label).ToList();
        Assert.Contains(0, first);
        Assert.Contains(1, first);
    }

    [Fact]
    public void TwoMoons_WithoutNoise_LieOnScikitLearnsArcs()
    {
        var data = Datasets.TwoMoons(40, seed: 0, noise: 0);
        foreach (var e in data.Examples)
        {
            // Upper moon: the unit circle's upper half. Lower moon: the circle of radius 1 around (1, 0.5), lower half.
            var (cx, cy) = e.Label == 0 ? (0.0, 0.0) : (1.0, 0.5);
            Approx.Equal(1.0, Math.Sqrt((e.X1 - cx) * (e.X1 - cx) + (e.X2 - cy) * (e.X2 - cy)), 1e-12);
            Assert.True(e.Label == 0 ? e.X2 >= -1e-12 : e.X2 <= 0.5 + 1e-12);
        }
        Assert.Contains(data.Examples, e => e is { Label: 0, X1: 1.0, X2: 0.0 });   // t = 0
        Assert.Contains(data.Examples, e => e is { Label: 1, X1: 0.0, X2: 0.5 });   // t = 0
    }

    [Fact]
    public void Spirals_ShareTheCountAmongTheClasses_AndStayInTheUnitDisc()
    {
        var data = Datasets.Spirals(100, seed: 5, classes: 3);
        Assert.Equal(3, data.Classes);
        Assert.Equal([34, 33, 33], Enumerable.Range(0, 3).Select(k => data.Examples.Count(e => e.Label == k)));
        Assert.All(data.Examples, e => Assert.True(e.X1 * e.X1 + e.X2 * e.X2 <= 1 + 1e-12));
        Assert.Throws<InvalidOperationException>(() => data.SignedLabels());
    }

    [Fact]
    public void SignedLabels_MapZeroOneToMinusOnePlusOne()
    {
        var data = Datasets.TwoMoons(10, seed: 1);
        Assert.Equal(data.Examples.Select(e => e.Label == 1 ? 1.0 : -1.0), data.SignedLabels().ToArray());
    }

    [Fact]
    public void NoisyLine_WithoutNoise_IsTheLine()
    {
        var data = Datasets.NoisyLine(20, seed: 1, slope: -0.5, intercept: 3, noise: 0, xMin: -2, xMax: 2);
        Assert.All(data.Observations, o =>
        {
            Assert.InRange(o.X, -2.0, 2.0);
            Approx.Equal(-0.5 * o.X + 3, o.Y);
        });
        Assert.Equal(data.Observations.Select(o => o.X), data.X.ToArray());
        Assert.Equal(data.Observations.Select(o => o.Y), data.Y.ToArray());
    }

    [Fact]
    public void NoisyLine_LeastSquares_RecoversTheTruth()
    {
        // The maximum-likelihood estimate under Gaussian noise; with 5000 points it lies close to a, b and σ.
        var data = Datasets.NoisyLine(5000, seed: 9, slope: 2, intercept: 1, noise: 0.5);
        double mx = data.Observations.Average(o => o.X), my = data.Observations.Average(o => o.Y);
        double a = data.Observations.Sum(o => (o.X - mx) * (o.Y - my)) / data.Observations.Sum(o => (o.X - mx) * (o.X - mx));
        double b = my - a * mx;
        double sigma = Math.Sqrt(data.Observations.Average(o => Math.Pow(o.Y - a * o.X - b, 2)));
        Approx.Equal(2.0, a, 0.02);
        Approx.Equal(1.0, b, 0.05);
        Approx.Equal(0.5, sigma, 0.02);
        Assert.Equal((2.0, 1.0, 0.5), (data.Slope, data.Intercept, data.Noise));
    }

    public static TheoryData<string, Action> BadArguments => new()
    {
        { "count", () => Datasets.TwoClusters(0, 1) },
        { "count", () => Datasets.TwoMoons(-5, 1) },
        { "count", () => Datasets.Spirals(0, 1) },
        { "count", () => Datasets.Spirals(2, 1, classes: 3) },
        { "count", () => Datasets.NoisyLine(0, 1) },
        { "spread", () => Datasets.TwoClusters(10, 1, spread: double.NaN) },
        { "spread", () => Datasets.TwoClusters(10, 1, spread: -1) },
        { "noise", () => Datasets.TwoMoons(10, 1, noise: double.NaN) },
        { "noise", () => Datasets.Spirals(10, 1, noise: double.PositiveInfinity) },
        { "noise", () => Datasets.NoisyLine(10, 1, noise: -0.1) },
        { "classes", () => Datasets.Spirals(10, 1, classes: 1) },
        { "xMax", () => Datasets.NoisyLine(10, 1, xMin: 2, xMax: 2) },
        { "slope", () => Datasets.NoisyLine(10, 1, slope: double.NaN) },
    };

    [Theory, MemberData(nameof(BadArguments))]
    public void BadArgument_Throws_NamingIt(string name, Action make) =>
        Assert.Equal(name, Assert.Throws<ArgumentException>(make).ParamName);
}
