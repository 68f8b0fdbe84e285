using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Autodiff.Benchmarks;

/// <summary>How much work one benchmark operation does: graph data nodes, floating-point operations.</summary>
public readonly record struct Work(long Nodes = 0, double Flops = 0);

/// <summary>A benchmark class that can say how much work one of its operations does.</summary>
public interface IWork
{
    Work Work();
}

/// <summary>An extra summary column derived from the median time, the allocations and the work per operation.</summary>
public sealed class WorkColumn(string name, string legend, Func<Work, double, double?, double?> value, string format) : IColumn
{
    public static readonly IColumn[] All =
    [
        new WorkColumn("Nodes", "Graph data nodes (tensors) per operation, counted as micrograd counts Values",
            (w, _, _) => w.Nodes > 0 ? w.Nodes : null, "N0"),
        new WorkColumn("Mnodes/s", "Million graph nodes per second (nodes / median)",
            (w, seconds, _) => w.Nodes > 0 ? w.Nodes / seconds / 1e6 : null, "F2"),
        new WorkColumn("B/node", "Bytes allocated per graph node",
            (w, _, bytes) => w.Nodes > 0 && bytes is double b ? b / w.Nodes : null, "F1"),
        new WorkColumn("GFLOP/s", "Floating-point operations per second, in billions (flops / median)",
            (w, seconds, _) => w.Flops > 0 ? w.Flops / seconds / 1e9 : null, "F1"),
    ];

    public string Id => nameof(WorkColumn) + "." + ColumnName;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        double seconds = stats.Median / 1e9;
        double? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        double? result = value(WorkOf(benchmarkCase), seconds, bytes);
        return result?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
    }

    /// <summary>Builds the benchmark object with its parameters set and asks it for its work.</summary>
    private static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (Activator.CreateInstance(type) is not IWork instance) return default;
        foreach (var parameter in benchmarkCase.Parameters.Items)
            type.GetProperty(parameter.Name)?.SetValue(instance, parameter.Value);
        return instance.Work();
    }
}
