using System.Diagnostics;
using Autodiff.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Autodiff.Benchmarks -- --filter '*'        all workloads (BenchmarkDotNet)
// dotnet run -c Release --project bench/Autodiff.Benchmarks -- loop <workload> [s]  one workload in a loop, for a profiler
if (args is ["loop", var name, ..])
{
    double seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    return Loop(name, seconds);
}

var config = DefaultConfig.Instance.AddColumn(WorkColumn.All);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;

// Runs one workload until the time is up and prints the mean time per operation: a steady state to attach
// dotnet-trace or dotnet-counters to, or to run under valgrind.
static int Loop(string name, double seconds)
{
    var scalar = new ScalarMlpStep();
    var logistic = new LogisticRegressionStep();
    var mlp = new BatchedMlpStep();
    var matmul = new MatMulBenchmark();
    matmul.Setup();
    Func<double>? operation = name switch
    {
        "scalar-mlp" => () => scalar.Step(0.1),
        "chain-1e5" => () => Workloads.DeepChain(100_000),
        "chain-1e6" => () => Workloads.DeepChain(1_000_000),
        "logistic" => () => logistic.Step(),
        "mlp" => () => mlp.Step(),
        "matmul" => () => matmul.ForwardBackward().Size,
        _ => null,
    };
    if (operation is null)
    {
        Console.Error.WriteLine("workloads: scalar-mlp, chain-1e5, chain-1e6, logistic, mlp, matmul");
        return 2;
    }
    double last = 0;
    long count = 0, allocated = GC.GetTotalAllocatedBytes(precise: true);
    var pauses = GC.GetTotalPauseDuration();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        last = operation();
        count++;
    }
    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"{name}: {count} operations, {clock.Elapsed.TotalMilliseconds * 1000 / count:F1} µs each " +
                      $"({cpu.TotalMilliseconds * 1000 / count:F1} µs of CPU time, all threads), " +
                      $"{allocated / count} bytes allocated each, last result {last:G6}");
    Console.WriteLine($"  GC: {(GC.GetTotalPauseDuration() - pauses).TotalMilliseconds / clock.Elapsed.TotalMilliseconds:P1} of the time paused; " +
                      $"collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}");
    return 0;
}
