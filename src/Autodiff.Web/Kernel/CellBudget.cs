using System.Diagnostics;

namespace Autodiff.Web.Kernel;

/// <summary>
/// The time limit of a running cell. The browser has one thread, so a cell cannot be stopped from outside:
/// <see cref="LoopBudget"/> puts a call to <see cref="Tick"/> at the top of every loop body and block-bodied
/// lambda of a cell, and past the deadline every call throws <see cref="CellTimeLimitException"/>.
/// </summary>
public static class CellBudget
{
    private static long deadline = long.MaxValue;
    private static int ticks;

    /// <summary>Whether the running (or last) cell reached its time limit.</summary>
    public static bool Expired { get; private set; }

    /// <summary>The limit of the running cell.</summary>
    public static TimeSpan Limit { get; private set; }

    internal static void Start(TimeSpan limit)
    {
        Limit = limit;
        Expired = false;
        ticks = 0;
        deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
    }

    internal static void Stop() => deadline = long.MaxValue;

    /// <summary>Called by the cell's loops; throws once the cell is past its time limit (and keeps throwing).</summary>
    public static void Tick()
    {
        if (Expired || ((++ticks & 255) == 0 && Stopwatch.GetTimestamp() > deadline))
        {
            Expired = true;
            throw new CellTimeLimitException(Limit);
        }
    }
}

/// <summary>A cell ran past its time limit.</summary>
public sealed class CellTimeLimitException(TimeSpan limit)
    : Exception($"the cell ran longer than its time limit of {limit.TotalSeconds:0.#} s and was stopped (a loop that does not end?)");
