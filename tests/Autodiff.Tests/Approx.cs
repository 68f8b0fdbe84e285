using Autodiff;

namespace Autodiff.Tests;

/// <summary>The single tolerance helper: every floating-point comparison in the tests goes through here.</summary>
internal static class Approx
{
    public const double Tight = 1e-12;

    public static void Equal(double expected, double actual, double tolerance = Tight)
    {
        if (double.IsNaN(expected) ? !double.IsNaN(actual) : Math.Abs(expected - actual) > tolerance * Math.Max(1.0, Math.Abs(expected)))
            Assert.Fail($"expected {expected:R}, got {actual:R} (tolerance {tolerance})");
    }

    public static void Equal(double[] expected, double[] actual, double tolerance = Tight)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (Math.Abs(e - a) > tolerance * Math.Max(1.0, Math.Abs(e)))
                Assert.Fail($"element {i}: expected {e:R}, got {a:R} (tolerance {tolerance})\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", actual)}]");
        }
    }

    public static void Equal(double[] expected, Tensor? actual, double tolerance = Tight)
    {
        Assert.NotNull(actual);
        Equal(expected, actual.ToArray(), tolerance);
    }

    public static void Equal(double expected, Tensor? actual, double tolerance = Tight)
    {
        Assert.NotNull(actual);
        Equal(expected, actual.Item(), tolerance);
    }
}

/// <summary>Seeded random tensors, so every run checks the same points.</summary>
internal static class Seeded
{
    public static Tensor Normal(int seed, params int[] shape) =>
        Tensor.RandomNormal(shape, new System.Random(seed), requiresGrad: true);

    public static Tensor Uniform(int seed, double low, double high, params int[] shape) =>
        Tensor.RandomUniform(shape, new System.Random(seed), low, high, requiresGrad: true);
}
