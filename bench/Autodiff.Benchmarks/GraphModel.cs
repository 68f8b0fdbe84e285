using System.Diagnostics;
using Autodiff.Graphs;

namespace Autodiff.Benchmarks;

/// <summary>
/// <c>ComputationalGraph.From</c> on the deep chain: time, and bytes allocated against the bytes of the graph
/// itself (what the forward pass allocated), for a chain of the given length.
/// </summary>
public static class GraphModel
{
    public static int Run(int links)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var x = new Tensor(1.0, requiresGrad: true);
        Tensor y = x;
        for (int i = 0; i < links; i++) y = y * 1.0001 + 0.0;
        y.Backward();
        long graphBytes = GC.GetTotalAllocatedBytes(precise: true) - before;

        before = GC.GetTotalAllocatedBytes(precise: true);
        var pauses = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var graph = ComputationalGraph.From(y);
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        pauses = GC.GetTotalPauseDuration() - pauses;
        long modelBytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"graph model of a {links:N0}-link chain: {graph.Nodes.Count:N0} nodes ({graph}), {seconds:F2} s, " +
                          $"{modelBytes / 1e6:F0} MB allocated = {(double)modelBytes / graphBytes:F2}× the graph's own {graphBytes / 1e6:F0} MB " +
                          $"(forward + backward); {modelBytes / (double)graph.Nodes.Count:F0} B per node");
        Console.WriteLine($"  {cpuSeconds:F2} s of CPU time; GC paused {pauses.TotalSeconds:F2} s; collections gen0 {GC.CollectionCount(0) - gen0}, " +
                          $"gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}");
        GC.KeepAlive(graph);
        return 0;
    }
}
