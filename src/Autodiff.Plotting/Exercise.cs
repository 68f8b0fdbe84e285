namespace Autodiff.Plotting;

/// <summary>
/// Exercises that check themselves. A notebook's exercise is three cells: a starter the learner edits
/// (tagged <c>exercise-starter</c>), a check (<c>exercise-check</c>) that calls <see cref="Check(string, Func{bool}, string)"/>,
/// and a solution (<c>exercise-solution</c>, shown collapsed) that ends with <see cref="Check(string)"/>, which runs the
/// same check again. A check never throws: it answers "✓" or "✗ … hint", so it never stops Run All.
/// </summary>
/// <remarks>
/// A check reads the learner's work through variables (a delegate such as <c>Func&lt;double, double&gt; step</c>),
/// not through methods or classes: C# notebook cells bind a name when they are compiled, so a solution cell can
/// reassign a variable that the earlier check reads, but it cannot replace a method the check already bound to.
/// </remarks>
public static class Exercise
{
    private static readonly Dictionary<string, (Func<bool> Passes, string Hint)> Checks = [];

    /// <summary>Registers the check of exercise <paramref name="id"/> and runs it.</summary>
    /// <param name="id">The exercise's number, e.g. <c>"03.2"</c>.</param>
    /// <param name="passes">True when the learner's work is right; may throw (a NotImplementedException from the starter, say).</param>
    /// <param name="hint">What to look at when it is not right yet.</param>
    /// <returns>Whether the check passed.</returns>
    public static bool Check(string id, Func<bool> passes, string hint)
    {
        lock (Checks) Checks[id] = (passes, hint);
        return Check(id);
    }

    /// <summary>Runs the check registered for exercise <paramref name="id"/> again (the solution cell does).</summary>
    /// <returns>Whether the check passed.</returns>
    public static bool Check(string id)
    {
        (Func<bool> Passes, string Hint) check;
        lock (Checks)
        {
            if (!Checks.TryGetValue(id, out check))
            {
                Console.WriteLine($"✗ Exercise {id}: run its check cell first (the cell after your code).");
                return false;
            }
        }

        string? problem;
        try
        {
            problem = check.Passes() ? null : "not yet";
        }
        catch (NotImplementedException e)
        {
            problem = $"not yet: {e.Message}";
        }
        catch (Exception e)
        {
            problem = $"your code threw {e.GetType().Name}: {e.Message}";
        }

        Console.WriteLine(problem is null ? $"✓ Exercise {id}: solved" : $"✗ Exercise {id}, {problem}. Hint: {check.Hint}");
        return problem is null;
    }
}
