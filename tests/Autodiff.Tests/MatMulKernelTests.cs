using Autodiff;
using Autodiff.Engine;

namespace Autodiff.Tests;

/// <summary>
/// The matrix-product kernels (plain, blocked, blocked on several cores) agree with the textbook triple loop, for
/// every transposed variant and for sizes around each kernel's edges: 0, 1, odd, below and above the thresholds.
/// They may differ only by floating-point reassociation: within 1e-12 relative (to max(1, |value|)).
/// </summary>
public class MatMulKernelTests
{
    private const double Reassociation = 1e-12;

    public static TheoryData<int, int, int> Sizes => new()
    {
        { 0, 3, 4 }, { 3, 0, 4 }, { 3, 4, 0 },
        { 1, 1, 1 }, { 1, 7, 5 }, { 5, 7, 1 }, { 1, 300, 1 },
        { 2, 3, 2 }, { 7, 5, 9 },                 // below the blocked threshold
        { 8, 16, 16 }, { 16, 16, 32 },            // exactly one and two register tiles
        { 9, 17, 17 }, { 23, 31, 45 },            // ragged edge tiles
        { 100, 16, 16 }, { 100, 2, 16 },          // the batched MLP's shapes
        { 129, 257, 33 },                         // past one block of rows and one block of depth
        { 131, 130, 129 },                        // odd, past a block of rows and of depth
        { 201, 190, 199 },                        // past the parallel threshold (192³), odd
    };

    [Theory, MemberData(nameof(Sizes))]
    public void Dispatch_AllTransposes_MatchTripleLoop(int m, int k, int n)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check(m, k, n, ta, tb, (a, b, c) => MatMulKernel.MultiplyAdd(a, ta, b, tb, c, m, k, n));
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Plain_AllTransposes_MatchTripleLoop(int m, int k, int n)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                Check(m, k, n, ta, tb, (a, b, c) => MatMulKernel.MultiplyAddPlain(a, ta, b, tb, c, m, k, n));
    }

    /// <summary>Every micro-kernel runs here, whatever this machine's widest vectors: a missing width is emulated.</summary>
    public static TheoryData<string> Paths => new() { nameof(MatMulPath.Vector512), nameof(MatMulPath.Vector256), nameof(MatMulPath.Vector128) };

    public static TheoryData<string, int, int, int> PathsAndSizes
    {
        get
        {
            var data = new TheoryData<string, int, int, int>();
            foreach (string path in Paths)
                foreach (object?[] size in Sizes)
                    data.Add(path, (int)size[0]!, (int)size[1]!, (int)size[2]!);
            return data;
        }
    }

    [Theory, MemberData(nameof(PathsAndSizes))]
    public void Blocked_EveryPath_OneAndSeveralCores_AllTransposes_MatchTripleLoop(string pathName, int m, int k, int n)
    {
        var path = Enum.Parse<MatMulPath>(pathName);
        foreach (bool parallel in new[] { false, true })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    Check(m, k, n, ta, tb, (a, b, c) => MatMulKernel.MultiplyAddBlocked(a, ta, b, tb, c, m, k, n, parallel, path));
    }

    [Theory, MemberData(nameof(Paths))]
    public void Blocked_EveryPath_SameResultOnOneAndSeveralCores(string pathName)
    {
        var path = Enum.Parse<MatMulPath>(pathName);
        var (a, b) = (Random(1, 300 * 200), Random(2, 200 * 170));
        double[] one = new double[300 * 170], several = new double[300 * 170];
        MatMulKernel.MultiplyAddBlocked(a, false, b, false, one, 300, 200, 170, parallel: false, path);
        MatMulKernel.MultiplyAddBlocked(a, false, b, false, several, 300, 200, 170, parallel: true, path);
        Assert.Equal(one, several);
    }

    [Fact]
    public void BestPath_IsTheWidestAcceleratedVector()
    {
        var expected = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? MatMulPath.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? MatMulPath.Vector256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? MatMulPath.Vector128
            : MatMulPath.Plain;
        Assert.Equal(expected, MatMulKernel.BestPath);
    }

    [Fact]
    public void Blocked_SameResultOnOneAndSeveralCores()
    {
        // Each element is summed by one thread in one order: the split between cores cannot change a bit.
        var (a, b) = (Random(1, 300 * 200), Random(2, 200 * 170));
        double[] one = new double[300 * 170], several = new double[300 * 170];
        MatMulKernel.MultiplyAddBlocked(a, false, b, false, one, 300, 200, 170, parallel: false);
        MatMulKernel.MultiplyAddBlocked(a, false, b, false, several, 300, 200, 170, parallel: true);
        Assert.Equal(one, several);
    }

    /// <summary>
    /// What a laptop without AVX-512 (an AVX2 machine) or without AVX2 (SSE only, the width of NEON) runs: this
    /// assembly started again with the instruction set turned off, where it reports the path it chose and checks
    /// the product against the textbook loop.
    /// </summary>
    [Theory]
    [InlineData("DOTNET_EnableAVX512")]
    [InlineData("DOTNET_EnableAVX2")]
    public void ChildProcess_WithoutWideVectors_TakesTheNarrowerPath_AndMatchesTripleLoop(string setting)
    {
        // The settings are x64's; elsewhere (ARM) the child chooses what this process chose.
        var expected = !System.Runtime.Intrinsics.X86.X86Base.IsSupported ? MatMulKernel.BestPath
            : setting == "DOTNET_EnableAVX512" && System.Runtime.Intrinsics.X86.Avx2.IsSupported ? MatMulPath.Vector256
            : MatMulPath.Vector128;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "exec", typeof(MatMulKernelTests).Assembly.Location, "matmul-path" },
        };
        start.Environment[setting] = "0";
        using var child = System.Diagnostics.Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd() + child.StandardError.ReadToEnd();
        Assert.True(child.WaitForExit(120_000), "the child process did not finish");
        Assert.Equal(0, child.ExitCode);
        Assert.Equal($"{expected}: matches the triple loop", output.Trim());
    }

    /// <summary>The child's side: the path this process chose, and every transpose at sizes with ragged edges against the triple loop.</summary>
    internal static int ReportPathAndCheck()
    {
        foreach (var (m, k, n) in new[] { (23, 31, 45), (131, 130, 129), (201, 190, 199) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    Check(m, k, n, ta, tb, (a, b, c) => MatMulKernel.MultiplyAdd(a, ta, b, tb, c, m, k, n));
        Console.WriteLine($"{MatMulKernel.BestPath}: matches the triple loop");
        return 0;
    }

    [Fact]
    public void MatMul_LargeForwardAndBackward_MatchTripleLoops()
    {
        const int m = 150, k = 140, n = 130;   // above both thresholds
        var a = new Tensor(Random(3, m * k), [m, k], requiresGrad: true);
        var b = new Tensor(Random(4, k * n), [k, n], requiresGrad: true);
        var g = new Tensor(Random(5, m * n), [m, n]);
        var c = a.MatMul(b);
        c.Backward(g);
        Approx.Equal(Naive(a.ToArray(), false, b.ToArray(), false, m, k, n), c, Reassociation);
        Approx.Equal(Naive(g.ToArray(), false, b.ToArray(), true, m, n, k), a.Grad, Reassociation);   // G·Bᵀ
        Approx.Equal(Naive(a.ToArray(), true, g.ToArray(), false, k, m, n), b.Grad, Reassociation);   // Aᵀ·G
    }

    [Fact]
    public void MatMul_AddsIntoWhatTheBufferHeld()
    {
        // The kernels compute C += A·B: a gradient reaching a matrix by two paths is the sum of both.
        var a = new Tensor(Random(6, 40 * 30), [40, 30], requiresGrad: true);
        var b = new Tensor(Random(7, 30 * 20), [30, 20]);
        (a.MatMul(b).Sum() + a.MatMul(b).Sum()).Backward();
        var once = new Tensor(a.ToArray(), [40, 30], requiresGrad: true);
        once.MatMul(b).Sum().Backward();
        Approx.Equal(once.Grad!.ToArray().Select(v => 2 * v).ToArray(), a.Grad, Reassociation);
    }

    private static void Check(int m, int k, int n, bool ta, bool tb, Action<double[], double[], double[]> kernel)
    {
        double[] a = Random(m * 31 + k, m * k), b = Random(k * 17 + n, k * n);
        double[] c = Random(99, m * n);   // the kernels add into C
        double[] expected = Naive(a, ta, b, tb, m, k, n);
        for (int i = 0; i < expected.Length; i++) expected[i] += c[i];
        kernel(a, b, c);
        Approx.Equal(expected, c, Reassociation);
    }

    /// <summary>op(A)·op(B) by the definition, where A is stored m×k (k×m when transposed) and B k×n (n×k).</summary>
    private static double[] Naive(double[] a, bool ta, double[] b, bool tb, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = sum;
            }
        return c;
    }

    private static double[] Random(int seed, int length)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }
}
