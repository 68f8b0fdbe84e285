using Autodiff.Engine;
using BenchmarkDotNet.Attributes;

namespace Autodiff.Benchmarks;

// One class per workload of the benchmark issue. Each benchmark method is one operation: a training step,
// or a forward + backward pass. Each class says how much work one operation is (IWork), which the extra
// columns turn into nodes per second, bytes per node and GFLOP/s.

/// <summary>micrograd's demo, on 0-d tensors: time per step, graph nodes per step, bytes per node.</summary>
[MemoryDiagnoser]
public class ScalarMlpBenchmark : IWork
{
    private ScalarMlpStep _step = null!;

    [GlobalSetup]
    public void Setup() => _step = new ScalarMlpStep();

    [Benchmark(Description = "scalar MLP step (micrograd demo)")]
    public double Step() => _step.Step(learningRate: 0.1);

    public Work Work() => new(Nodes: Workloads.CountNodes(new ScalarMlpStep().Loss()));
}

/// <summary>The same demo written as a learner writes it: LINQ sums, fresh leaves after each update.</summary>
[MemoryDiagnoser]
public class LearnerMlpBenchmark : IWork
{
    private LearnerMlpStep _step = null!;

    [GlobalSetup]
    public void Setup() => _step = new LearnerMlpStep();

    [Benchmark(Description = "scalar MLP step, learner's code (LINQ, fresh leaves)")]
    public double Step() => _step.Step(learningRate: 0.1);

    public Work Work() => new(Nodes: Workloads.CountNodes(new LearnerMlpStep().Loss()));
}

/// <summary>x → x·1.0001 + 0 repeated, forward + backward.</summary>
[MemoryDiagnoser]
public class DeepChainBenchmark : IWork
{
    [Params(100_000, 1_000_000)]
    public int Links { get; set; }

    [Benchmark(Description = "deep chain fwd+bwd")]
    public double ForwardBackward() => Workloads.DeepChain(Links);

    // Per link: the constants 1.0001 and 0, the product and the sum; plus the input.
    public Work Work() => new(Nodes: 4L * Links + 1);
}

/// <summary>Logistic regression, 100×2, sigmoid + BCE: forward + backward + update.</summary>
[MemoryDiagnoser]
public class LogisticRegressionBenchmark : IWork
{
    private LogisticRegressionStep _step = null!;

    [GlobalSetup]
    public void Setup() => _step = new LogisticRegressionStep();

    [Benchmark(Description = "batched logistic regression step")]
    public double Step() => _step.Step();

    public Work Work() => new(Nodes: Workloads.CountNodes(new LogisticRegressionStep().Loss()));
}

/// <summary>MLP 2→16→16→1, tanh, batch 100: forward + backward + update.</summary>
[MemoryDiagnoser]
public class BatchedMlpBenchmark : IWork
{
    private BatchedMlpStep _step = null!;

    [GlobalSetup]
    public void Setup() => _step = new BatchedMlpStep();

    [Benchmark(Description = "batched MLP step")]
    public double Step() => _step.Step();

    public Work Work() => new(Nodes: Workloads.CountNodes(new BatchedMlpStep().Loss()));
}

/// <summary>
/// C = A·B for 512×512 doubles, then ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G: three matrix products, once per micro-kernel
/// this processor accelerates (a laptop with AVX2 runs the Vector256 row, Apple Silicon the Vector128 one).
/// </summary>
[MemoryDiagnoser]
public class MatMulBenchmark : IWork
{
    private const int N = 512;
    private Tensor _a = null!, _b = null!, _g = null!;

    /// <summary>The micro-kernel, by name (<see cref="MatMulPath"/>).</summary>
    [ParamsSource(nameof(AcceleratedPaths))]
    public string Path { get; set; } = MatMulKernel.BestPath.ToString();

    public static IEnumerable<string> AcceleratedPaths() =>
        new[] { MatMulPath.Vector512, MatMulPath.Vector256, MatMulPath.Vector128 }
            .Where(path => path <= MatMulKernel.BestPath).Select(path => path.ToString());

    [GlobalSetup]
    public void Setup()
    {
        MatMulKernel.Path = Enum.Parse<MatMulPath>(Path);
        var random = new Random(7);
        _a = Tensor.RandomNormal([N, N], random, requiresGrad: true);
        _b = Tensor.RandomNormal([N, N], random, requiresGrad: true);
        _g = Tensor.RandomNormal([N, N], random);
    }

    [Benchmark(Description = "MatMul 512² fwd+bwd")]
    public Tensor ForwardBackward()
    {
        _a.ZeroGrad();
        _b.ZeroGrad();
        Tensor c = _a.MatMul(_b);
        c.Backward(_g);
        return c;
    }

    public Work Work() => new(Flops: 3.0 * 2.0 * N * N * N);
}

/// <summary>
/// The matrix-product kernels alone (C += A·B, n×n), plain against blocked on one and on both cores: the evidence
/// for MatMulKernel's two thresholds (blocked from 4096 multiply-adds, both cores from 192³).
/// </summary>
[MemoryDiagnoser]
public class MatMulKernelBenchmark : IWork
{
    private double[] _a = [], _b = [], _c = [];

    [Params(16, 64, 128, 192, 256)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _a = Enumerable.Range(0, N * N).Select(_ => random.NextDouble()).ToArray();
        _b = Enumerable.Range(0, N * N).Select(_ => random.NextDouble()).ToArray();
        _c = new double[N * N];
    }

    [Benchmark(Baseline = true, Description = "plain loops")]
    public void Plain() => MatMulKernel.MultiplyAddPlain(_a, false, _b, false, _c, N, N, N);

    [Benchmark(Description = "blocked, one core")]
    public void Blocked() => MatMulKernel.MultiplyAddBlocked(_a, false, _b, false, _c, N, N, N, parallel: false);

    [Benchmark(Description = "blocked, both cores")]
    public void BlockedParallel() => MatMulKernel.MultiplyAddBlocked(_a, false, _b, false, _c, N, N, N, parallel: true);

    public Work Work() => new(Flops: 2.0 * N * N * N);
}
