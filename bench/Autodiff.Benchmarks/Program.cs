using System.Diagnostics;
using Autodiff.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Autodiff.Benchmarks -- --filter '*'        all workloads (BenchmarkDotNet)
// dotnet run -c Release --project bench/Autodiff.Benchmarks -- loop <workload> [s]  one workload in a loop, for a profiler
// dotnet run -c Release --project bench/Autodiff.Benchmarks -- first <workload> [n]  the first n calls of a fresh process
// dotnet run -c Release --project bench/Autodiff.Benchmarks -- matmul-paths [calls] every micro-kernel, one process
// dotnet run -c Release --project bench/Autodiff.Benchmarks -- graph [links]         ComputationalGraph.From on the deep chain
if (args is ["loop", var name, ..])
{
    double seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    return Loop(name, seconds);
}
if (args is ["first", var workload, ..])
    return FreshProcess.First(workload, args.Length > 2 ? int.Parse(args[2]) : 7);
if (args is ["learner-check"])
{
    // The learner's code trains the same network as the hand-written one: the same losses, step by step.
    var (hand, learner, loops, inPlace) = (new ScalarMlpStep(), new LearnerMlpStep(), new LearnerMlpStep(linq: false), new LearnerMlpStep(freshLeaves: false));
    for (int i = 0; i < 3; i++)
        Console.WriteLine($"step {i}: hand-written {hand.Step(0.1):R}, learner {learner.Step(0.1):R}, loops {loops.Step(0.1):R}, in place {inPlace.Step(0.1):R}");
    return 0;
}
if (args is ["graph", ..])
    return GraphModel.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
if (args is ["matmul-paths", ..])
    return MatMulPaths.Run(args.Length > 1 ? int.Parse(args[1]) : 20);

var config = DefaultConfig.Instance.AddColumn(WorkColumn.All).AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;

// Runs one workload until the time is up and prints the mean time per operation: a steady state to attach
// dotnet-trace or dotnet-counters to, or to run under valgrind.
static int Loop(string name, double seconds)
{
    var operation = Workloads.Named(name);
    if (operation is null)
    {
        Console.Error.WriteLine("workloads: " + string.Join(", ", Workloads.Names));
        return 2;
    }
    // Warm-up, not counted: the first calls (JIT, first touches of memory) are what the `first` mode measures.
    var warmUp = Stopwatch.StartNew();
    do operation(); while (warmUp.Elapsed.TotalSeconds < seconds / 5);
    double last = 0;
    long count = 0, allocated = GC.GetTotalAllocatedBytes(precise: true);
    var pauses = GC.GetTotalPauseDuration();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds || count < 3)
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
