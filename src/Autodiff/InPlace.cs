using System.Runtime.CompilerServices;

namespace Autodiff;

/// <summary>
/// Catches a backward pass through a graph whose tensors changed in place after it was built. PyTorch does the same
/// with a version counter per tensor.
/// </summary>
/// <remarks>
/// <para>Optimizers change parameters in place. A graph built before the change still holds the parameter, and its
/// backward pass would combine the new values with the old path: a gradient that is neither the old one nor the new
/// one. So every in-place change ticks a clock and is remembered beside the tensor; every operation's output remembers
/// the clock when the operation was applied (<see cref="Tensor.RecordedAt"/>); and a backward pass refuses an operation
/// whose input changed later than that.</para>
/// <para>Changes are kept in a side table rather than in a field of every tensor: few tensors are ever changed, and a
/// graph of scalars stays as small as before. In the usual loop (forward, backward, step) no change happens between
/// building a graph and its backward pass, so the check costs one comparison per edge and no lookup.</para>
/// </remarks>
internal static class InPlace
{
    private static int s_clock;
    private static readonly ConditionalWeakTable<Tensor, Change> s_lastChange = new();

    private sealed class Change
    {
        public int At;
        public string By = "";
    }

    /// <summary>The clock: how many in-place changes there have been.</summary>
    public static int Now => Volatile.Read(ref s_clock);

    /// <summary>Records that <paramref name="tensor"/>'s values are being changed in place, by <paramref name="by"/> (for the message).</summary>
    public static void Record(Tensor tensor, string by)
    {
        var change = s_lastChange.GetValue(tensor, static _ => new Change());
        change.By = by;
        change.At = Interlocked.Increment(ref s_clock);
    }

    /// <summary>Throws if <paramref name="input"/> changed in place after the operation that produced <paramref name="output"/> was applied to it.</summary>
    public static void CheckUnchanged(Tensor input, Tensor output)
    {
        // The difference, not the values, is compared, so that the clock may wrap around.
        if (!s_lastChange.TryGetValue(input, out var change) || change.At - output.RecordedAt <= 0) return;
        throw new InvalidOperationException(
            $"Backward(): {input.Describe()} was modified in place (by {change.By}) after it was used to build this graph " +
            $"(by {output.GradFn!.Name}): run the forward pass again before calling Backward()");
    }
}
