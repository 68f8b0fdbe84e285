using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Autodiff.Engine;

namespace Autodiff.Benchmarks;

/// <summary>
/// What a learner's notebook sees: the first calls of a workload in a process that has run nothing yet, so the
/// JIT's first-tier code, the first collections and the first touches of memory are all in the figure.
/// </summary>
public static class FreshProcess
{
    public static int First(string name, int calls)
    {
        var total = Stopwatch.StartNew();
        var operation = Workloads.Named(name);
        if (operation is null)
        {
            Console.Error.WriteLine("workloads: " + string.Join(", ", Workloads.Names));
            return 2;
        }
        double[] times = new double[calls], cpuTimes = new double[calls];
        var pauses = GC.GetTotalPauseDuration();
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < calls; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            operation();
            times[i] = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            cpuTimes[i] = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        }
        pauses = GC.GetTotalPauseDuration() - pauses;
        // CPU time includes the JIT's background thread and the GC's: work this process had to do. On a shared
        // machine it is steadier than wall time, which also counts the time other processes held the cores.
        Console.WriteLine($"{name} in a fresh process (path {MatMulKernel.Path}): first {times[0]:F1} ms, median of {calls} " +
                          $"{Median(times):F1} ms wall, {Median(cpuTimes):F1} ms CPU; " +
                          $"wall: {string.Join(" ", times.Select(t => t.ToString("F1")))} ms; " +
                          $"GC paused {pauses.TotalMilliseconds:F0} ms; process {total.Elapsed.TotalMilliseconds:F0} ms since Main");
        return 0;
    }

    public static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>
/// The 512² forward + backward through the public API with each micro-kernel in turn, in one process, so that
/// their ratios are measured under the same load; and this core's fused multiply-add peak for comparison.
/// </summary>
public static class MatMulPaths
{
    private const int Rounds = 5;

    public static int Run(int calls)
    {
        var matmul = new MatMulBenchmark();
        matmul.Setup();
        double flops = matmul.Work().Flops;
        var paths = new List<MatMulPath>();
        if (Vector512.IsHardwareAccelerated) paths.Add(MatMulPath.Vector512);
        if (Vector256.IsHardwareAccelerated) paths.Add(MatMulPath.Vector256);
        if (Vector128.IsHardwareAccelerated) paths.Add(MatMulPath.Vector128);
        paths.Add(MatMulPath.Plain);
        Console.WriteLine($"CPU time per call, best of {Rounds} rounds of {calls} calls; cores {Environment.ProcessorCount}; FMA peak of one core: {FmaPeak() / 1e9:F1} GFLOP/s (Vector512 where accelerated)");
        double? widest = null;
        // Several rounds, alternating paths, so that a burst of load on the shared machine does not favour one path.
        var best = new Dictionary<MatMulPath, double>();
        var kernelBest = new Dictionary<MatMulPath, double>();
        const int N = 512;
        var random = new Random(3);
        double[] a = Enumerable.Range(0, N * N).Select(_ => random.NextDouble()).ToArray(), b = a.Reverse().ToArray(), c = new double[N * N];
        for (int round = 0; round < Rounds; round++)
            foreach (var path in paths)
            {
                MatMulKernel.Path = path;
                for (int i = 0; i < 3; i++) matmul.ForwardBackward();
                // CPU time, not wall time: on a shared machine other processes take the core away for whole
                // milliseconds, which wall time would charge to this path.
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (int i = 0; i < calls; i++) matmul.ForwardBackward();
                double perCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
                best[path] = best.TryGetValue(path, out var before) ? Math.Min(before, perCall) : perCall;
                // The kernel alone, C += A·B into a buffer allocated once: no allocation, no page faults.
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (int i = 0; i < calls; i++) MatMulKernel.MultiplyAdd(a, false, b, false, c, N, N, N);
                perCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
                kernelBest[path] = kernelBest.TryGetValue(path, out before) ? Math.Min(before, perCall) : perCall;
            }
        double? kernelWidest = null;
        Console.WriteLine("  path       | MatMul 512² fwd+bwd (public API)       | kernel alone, C += A·B 512²");
        foreach (var path in paths)
        {
            double gflops = flops / (best[path] / 1e3) / 1e9, kernel = 2.0 * N * N * N / (kernelBest[path] / 1e3) / 1e9;
            widest ??= gflops;
            kernelWidest ??= kernel;
            Console.WriteLine($"  {path,-10} | {best[path],7:F2} ms {gflops,6:F1} GFLOP/s {gflops / widest,5:P0} | " +
                              $"{kernelBest[path],7:F2} ms {kernel,6:F1} GFLOP/s {kernel / kernelWidest,5:P0}");
        }
        MatMulKernel.Path = MatMulKernel.BestPath;
        return 0;
    }

    /// <summary>Flops per second of 16 independent chains of fused multiply-adds in registers: the arithmetic ceiling.</summary>
    private static double FmaPeak()
    {
        if (!Vector512.IsHardwareAccelerated) return double.NaN;
        const int steps = 20_000_000;
        FmaChains(1000);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        double result = FmaChains(steps);
        double seconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        if (result == 0) Console.WriteLine("(never)");
        return steps * 16.0 * 8 * 2 / seconds;
    }

    // No call inside: a call would make the JIT keep the 16 vectors on the stack (no vector register survives a call).
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double FmaChains(int steps)
    {
        var a = Vector512.Create(0.999999);
        var b = Vector512.Create(1e-9);
        Vector512<double> x0 = Vector512.Create(1.0), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0,
                          x8 = x0, x9 = x0, x10 = x0, x11 = x0, x12 = x0, x13 = x0, x14 = x0, x15 = x0;
        for (int i = 0; i < steps; i++)
        {
            x0 = Vector512.FusedMultiplyAdd(x0, a, b); x1 = Vector512.FusedMultiplyAdd(x1, a, b);
            x2 = Vector512.FusedMultiplyAdd(x2, a, b); x3 = Vector512.FusedMultiplyAdd(x3, a, b);
            x4 = Vector512.FusedMultiplyAdd(x4, a, b); x5 = Vector512.FusedMultiplyAdd(x5, a, b);
            x6 = Vector512.FusedMultiplyAdd(x6, a, b); x7 = Vector512.FusedMultiplyAdd(x7, a, b);
            x8 = Vector512.FusedMultiplyAdd(x8, a, b); x9 = Vector512.FusedMultiplyAdd(x9, a, b);
            x10 = Vector512.FusedMultiplyAdd(x10, a, b); x11 = Vector512.FusedMultiplyAdd(x11, a, b);
            x12 = Vector512.FusedMultiplyAdd(x12, a, b); x13 = Vector512.FusedMultiplyAdd(x13, a, b);
            x14 = Vector512.FusedMultiplyAdd(x14, a, b); x15 = Vector512.FusedMultiplyAdd(x15, a, b);
        }
        var sum = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11 + x12 + x13 + x14 + x15;
        return Vector512.Sum(sum);
    }
}
