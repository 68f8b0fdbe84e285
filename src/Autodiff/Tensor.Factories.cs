namespace Autodiff;

public sealed partial class Tensor
{
    /// <summary>A tensor of the given shape filled with zeros.</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public static Tensor Zeros(params int[] shape) => Full(shape, 0.0);

    /// <summary>A tensor of the given shape filled with ones.</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public static Tensor Ones(params int[] shape) => Full(shape, 1.0);

    /// <summary>A tensor of the given shape with every element equal to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    public static Tensor Full(int[] shape, double value, bool requiresGrad = false)
    {
        Check.Shape(shape, nameof(shape));
        var values = new double[Shapes.SizeOf(shape)];
        Array.Fill(values, value);
        return new Tensor(values, shape, requiresGrad);
    }

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/>, both included.</summary>
    public static Tensor Linspace(double start, double stop, int count)
    {
        Check.Argument(count >= 1, nameof(count), $"count must be at least 1, got {count}");
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = count == 1 ? start : start + (stop - start) * i / (count - 1);
        return new Tensor(values);
    }

    /// <summary>Samples from a normal distribution N(<paramref name="mean"/>, <paramref name="std"/>²), reproducible from <paramref name="random"/>.</summary>
    public static Tensor RandomNormal(int[] shape, Random random, double mean = 0.0, double std = 1.0, bool requiresGrad = false)
    {
        Check.Shape(shape, nameof(shape));
        Check.NotNull(random, nameof(random));
        var values = new double[Shapes.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = mean + std * StandardNormal(random);
        return new Tensor(values, shape, requiresGrad);
    }

    /// <summary>Samples uniformly from [<paramref name="low"/>, <paramref name="high"/>), reproducible from <paramref name="random"/>.</summary>
    public static Tensor RandomUniform(int[] shape, Random random, double low = 0.0, double high = 1.0, bool requiresGrad = false)
    {
        Check.Shape(shape, nameof(shape));
        Check.NotNull(random, nameof(random));
        var values = new double[Shapes.SizeOf(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * random.NextDouble();
        return new Tensor(values, shape, requiresGrad);
    }

    /// <summary>One draw from N(0, 1) by the Box–Muller transform (1 − u keeps the logarithm away from 0).</summary>
    internal static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
