using System.Diagnostics;

namespace Autodiff.Web.Kernel;

/// <summary>
/// The time and depth limits of a running cell. The browser has one thread, so a cell cannot be stopped from
/// outside: <see cref="LoopBudget"/> puts a call to <see cref="Tick"/> at the top of every loop body and a call to
/// <see cref="Enter"/> (with <see cref="Exit"/> in a <c>finally</c>) around every method body of a cell. Past the
/// deadline every call throws <see cref="CellTimeLimitException"/>; past <see cref="MaxDepth"/> nested calls of the
/// cell's own methods, <see cref="Enter"/> throws <see cref="CellRecursionException"/> before the WebAssembly stack
/// overflows (an overflow cannot be caught: it ends the app).
/// </summary>
public static class CellBudget
{
    /// <summary>
    /// Nested calls of a cell's methods allowed at once. Python stops at 1,000; the browser's stack holds
    /// tens of thousands of the interpreter's frames (docs/web.md), so this leaves room for the library's
    /// own calls below the deepest cell method.
    /// </summary>
    public const int DefaultMaxDepth = 3000;

    private static long deadline = long.MaxValue;
    private static int ticks;
    private static int depth;

    /// <summary>Whether the running (or last) cell reached its time limit.</summary>
    public static bool Expired { get; private set; }

    /// <summary>The limit of the running cell.</summary>
    public static TimeSpan Limit { get; private set; }

    /// <summary>The depth limit of the running cell.</summary>
    public static int MaxDepth { get; private set; } = DefaultMaxDepth;

    internal static void Start(TimeSpan limit, int maxDepth = DefaultMaxDepth)
    {
        Limit = limit;
        MaxDepth = maxDepth;
        Expired = false;
        ticks = 0;
        depth = 0;
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

    /// <summary>Called when a cell's method starts: one more nested call (and a <see cref="Tick"/>).</summary>
    public static void Enter()
    {
        if (++depth > MaxDepth)
        {
            depth--; // the method's finally (and its Exit) is not reached
            throw new CellRecursionException(MaxDepth);
        }
        Tick();
    }

    /// <summary>Called when a cell's method ends, however it ends.</summary>
    public static void Exit() => depth--;
}

/// <summary>A cell ran past its time limit.</summary>
public sealed class CellTimeLimitException(TimeSpan limit)
    : Exception($"the cell ran longer than its time limit of {limit.TotalSeconds:0.#} s and was stopped (a loop that does not end?)");

/// <summary>A cell's methods called each other deeper than the depth limit.</summary>
public sealed class CellRecursionException(int maxDepth)
    : Exception($"the cell's methods called each other more than {maxDepth} levels deep and were stopped before the browser's stack overflows (a recursion that does not end?)");
